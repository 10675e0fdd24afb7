print("running shop.util.text", __name__, __package__)
from .. import models
def shout(s):
    return s.upper() + "!"
def partial_models():
    return models
