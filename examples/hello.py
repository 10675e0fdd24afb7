# A first lesson: functions, loops and f-strings.
def greet(name, times=1):
    return " ".join([f"Hello, {name}!"] * times)


for who in ["world", "gilpy"]:
    print(greet(who, 2))
print(sum(i * i for i in range(10)))
