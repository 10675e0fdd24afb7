import shop
import shop.models as m
import shop.util.text
print(shop.Item is m.Item, shop.Item("tea").label())
print(shop.util.text.partial_models() is m)
print(m.__name__, m.__package__, shop.__package__, shop.util.text.__package__)
print(m.__file__.endswith("shop/models.py"), shop.__file__.endswith("shop/__init__.py"))
print(shop.__path__[0].endswith("shop"))
print(sorted(k for k in __import__("sys").modules if k.startswith("shop")))
