"""Who holds what about a member. An app with personal data calls `register()` from its
`AppConfig.ready()`; the members app's export and account deletion call `export()` and `erase()`.
This app sits below every app that holds such data, so it names none of them."""

_exporters = []
_erasers = []


def register(*, export=None, erase=None):
    """`export(user, request)` answers {section: plain data} for the member's JSON download;
    `erase(user, **choices)` removes or anonymises what the app holds before the account goes
    (`choices`: what the member chose on the deletion form). Rows that cascade with the user need
    no eraser."""
    if export is not None:
        _exporters.append(export)
    if erase is not None:
        _erasers.append(erase)


def export(user, request):
    data = {}
    for exporter in _exporters:
        data.update(exporter(user, request))
    return data


def erase(user, **choices):
    for eraser in _erasers:
        eraser(user, **choices)
