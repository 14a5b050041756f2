"""What a publishing check reports: a problem with a page, where it is, and whether it blocks."""

from dataclasses import dataclass

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Problem:
    level: str  # ERROR blocks publishing; WARNING is said, and publishing goes ahead
    message: str
    field: str = ""  # the form field it is about ("standfirst", "sections-2-body"), if any
    where: str = ""  # for people: "Section “Warm up”"

    @property
    def blocks(self):
        return self.level == ERROR

    def as_json(self):
        return {"level": self.level, "message": self.message, "field": self.field, "where": self.where}

    def __str__(self):
        return f"{self.where}: {self.message}" if self.where else self.message
