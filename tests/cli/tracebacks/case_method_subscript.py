class Box:
    def __init__(self):
        self.items = []
    def get(self, i):
        return self.items[i]
b = Box()
value = b.get(3)
