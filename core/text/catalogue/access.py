"""Texts of pages/_access.py: the sign-in form of a shared server.

Keys start with 'access.'; see catalogue/__init__.py for the entry format.
"""

TEXTS: dict = {
    "access.title": {"en": "Finetune Studio", "zh": "Finetune Studio"},
    "access.caption": {
        "en": "This server is shared. Enter the password you were given to continue.",
        "zh": "这台服务器是共享的。请输入你拿到的密码以继续。",
    },
    "access.unreadable_secrets": {
        "en": "Nobody can sign in because the server's secrets file cannot be read. Whoever runs "
              "this server must fix .streamlit/secrets.toml (for example, put the password in "
              "quotes).",
        "zh": "服务器的密钥文件无法读取，因此目前没有人能登录。请运行这台服务器的人修正 "
              ".streamlit/secrets.toml（例如给密码加上引号）。",
    },
    "access.password": {"en": "Password", "zh": "密码"},
    "access.sign_in": {"en": "Sign in", "zh": "登录"},
    "access.wrong_password": {
        "en": "That password is not right. Try again, or ask whoever runs this server for it.",
        "zh": "密码不正确。请重试，或向运行这台服务器的人索取密码。",
    },
    # pages/_guard.py: the answer to an upload from a browser session that has not signed in
    "access.refused": {"en": "Sign in to this Finetune Studio server first, then try again.",
                       "zh": "请先登录这台 Finetune Studio 服务器，然后重试。"},
}
