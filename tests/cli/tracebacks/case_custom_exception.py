class EmptyError(Exception):
    pass
class Inventory:
    def take(self, name):
        raise EmptyError
Inventory().take("apple")
