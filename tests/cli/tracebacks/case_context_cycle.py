try:
    raise KeyError("a")
except KeyError as a:
    try:
        raise ValueError("b")
    except ValueError as b:
        print(b.__context__ is a)
        try:
            raise a
        except KeyError as again:
            print(again.__context__ is b, b.__context__)
        raise a
