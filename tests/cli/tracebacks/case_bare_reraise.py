import helpers
def handler():
    try:
        helpers.fail_app()
    except helpers.AppError as e:
        raise
handler()
