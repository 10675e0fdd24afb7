import sys
for attempt in range(2):
    try:
        import shop.broken
    except ValueError as e:
        print("attempt", attempt, e, "shop.broken" in sys.modules)
import shop.broken
