class Resource:
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        return False
with Resource() as r:
    r.value = int("forty-two")
