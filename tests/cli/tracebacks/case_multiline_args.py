value = int(
    "12x"
)
