import helpers
raise helpers.AppError("multi\nline message")
