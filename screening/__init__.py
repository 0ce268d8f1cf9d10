"""screening: environmental admission screening against 临东环委发〔2022〕1号."""

__version__ = "0.1.0"
