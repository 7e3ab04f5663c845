"""The Slack app for support agents (issue 7): a thin door over the same core.

mount.py     mount_slack(app, runtime): POST /slack/events through Bolt's FastAPI adapter
socket.py    run_socket_mode(runtime): the same app over Socket Mode
app.py       the Bolt app and its listeners (acknowledge first, then call the core)
gate.py      each event once (retries deduplicated), people only (bots ignored)
exchange.py  the calls into the core: ask, stored answers, cited sections, feedback
messages.py  answers, sources, buttons, results and the full clause as Block Kit
modal.py     the calculator modal, built from each calculator's input schema
blocks.py    Block Kit builders that keep to Slack's limits
replies.py   the learner reply (FR/EN) and the bot's apologies
"""

from bot.slack.mount import mount_slack

__all__ = ["mount_slack"]
