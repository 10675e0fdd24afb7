class Weird:
    def __str__(self):
        raise RuntimeError("no str for you")
print(Weird())
