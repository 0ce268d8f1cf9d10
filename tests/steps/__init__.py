"""Step vocabulary of the executable policy (features/*.feature), in Chinese.

``vocabulary`` holds the step definitions (loaded as a pytest plugin from
tests/conftest.py); ``editing`` changes a proposal by dotted field paths;
``whatif`` screens under hypothetical parameter values through a rulebook overlay.
The phrases are listed in features/README.md.
"""
