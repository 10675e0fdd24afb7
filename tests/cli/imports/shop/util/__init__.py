print("running shop.util", __name__, __package__)
