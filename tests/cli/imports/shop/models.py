print("running shop.models", __name__, __package__)
from .util.text import shout
class Item:
    def __init__(self, name):
        self.name = name
    def label(self):
        return shout(self.name)
