import helpers
try:
    helpers.lookup({}, "k")
except KeyError as e:
    raise helpers.AppError("wrapped") from e
