"""Which files a folder given to `screen` stands for, and in which order.

expand_paths reads the folder listing's file types instead of asking each file's;
the files and their order must stay what ``Path.rglob`` and ``sorted`` give.
"""

from __future__ import annotations

from pathlib import Path

from screening.facts.files import SUFFIXES, expand_paths


def _by_rglob(folder: Path) -> list[Path]:
    """The listing as expand_paths made it with pathlib (one stat call a file)."""
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES and (
        p.is_file() or (p.is_symlink() and not p.is_dir())))


def test_a_folder_lists_what_rglob_lists_in_the_same_order(tmp_path: Path) -> None:
    for folder in ("sub/deeper", ".hidden", "d.yaml", "z-a", "z"):
        (tmp_path / folder).mkdir(parents=True)
    for name in ("a.yaml", "B.YML", "c.json", "d.txt", "..yaml", ".yaml", "a.", "sub/x.yaml",
                 "sub/deeper/y.json", ".hidden/h.yaml", "d.yaml/in.yaml", "z-a/1.yaml",
                 "z/2.yaml", "sp ace.yaml"):
        (tmp_path / name).write_text("id: x\n", encoding="utf-8")
    (tmp_path / "link.yaml").symlink_to(tmp_path / "a.yaml")
    (tmp_path / "dead.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (tmp_path / "loop1.yaml").symlink_to(tmp_path / "loop2.yaml")
    (tmp_path / "loop2.yaml").symlink_to(tmp_path / "loop1.yaml")
    (tmp_path / "dir-link.yaml").symlink_to(tmp_path / "sub", target_is_directory=True)
    (tmp_path / "sub" / "up").symlink_to(tmp_path, target_is_directory=True)

    listed = list(expand_paths([tmp_path]))

    assert listed == _by_rglob(tmp_path)
    names = [str(p.relative_to(tmp_path)) for p in listed]
    assert names.index("z/2.yaml") < names.index("z-a/1.yaml")  # by parts, not by text
    assert {"dead.yaml", "loop1.yaml", "d.yaml/in.yaml", ".hidden/h.yaml"} <= set(names)
    assert not {"dir-link.yaml", ".yaml", "a.", "d.txt"} & set(names)
    assert not any(name.startswith("sub/up/") for name in names)


def test_files_and_standard_input_pass_as_given(tmp_path: Path) -> None:
    given = [tmp_path / "later.yaml", Path("-"), tmp_path / "earlier.yaml"]
    assert list(expand_paths(given)) == given
