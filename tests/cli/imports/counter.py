RUNS = []
RUNS.append(__name__)
print("running counter as", __name__)
