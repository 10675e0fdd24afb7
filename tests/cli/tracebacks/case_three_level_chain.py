import helpers
def load():
    try:
        helpers.lookup({"a": 1}, "b")
    except KeyError as exc:
        raise ValueError("bad config") from exc
def start():
    try:
        load()
    except ValueError:
        helpers.fail_app()
start()
