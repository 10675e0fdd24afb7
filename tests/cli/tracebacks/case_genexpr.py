def gen_total(rows):
    return sum(len(r) for r in rows)
gen_total(["ab", 5])
