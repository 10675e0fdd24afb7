import helpers
try:
    helpers.fail_app()
except helpers.AppError:
    raise ValueError("secondary") from None
