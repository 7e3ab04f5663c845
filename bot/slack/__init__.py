"""The Slack app for support agents: a thin door over the same core.

mount.py       mount_slack(app, runtime): POST /slack/events, checked, then Bolt's adapter
payloads.py    whether a signed body is something Slack sends (400 otherwise, never a 500)
socket.py      run_socket_mode(runtime): the same app over Socket Mode
app.py         the Bolt app: identity, gates, listeners registered
identity.py    the bot's identity without a Web API call; the token checked in the background;
               the Web API client and its retries
gate.py        each event once (retries deduplicated), people only (bots ignored)
door.py        what the listeners share: calls into the core, apologies, the agent's language
questions.py   /terms, mentions, DMs, followed threads, the message shortcut, App Home
buttons.py     post in channel, learner reply, full clause, open in calculator, 👍/👎
calculator.py  the calculator window's listeners
escalation.py  *Escalate*: the agent's note, posted to the team's channel
exchange.py    the calls into the core: ask, stored answers, calculator results, clauses
threads.py     Slack's markup read as text, which replies are the bot's, the thread above
delivery.py    getting a message to the agent whatever fails (retries, short form, fallbacks)
messages.py    answers as Block Kit, rendered from the core's structured answer
clause.py      the *Full clause* window (both CGS versions where they differ)
modal.py       the calculator window, built from each calculator's input schema
labels.py      calculators' titles, documents, labels, hints and choices in FR/EN
replies.py     the learner reply and the bot's apologies
home.py        App Home and the help message
texts.py       the interface's own words in FR/EN
blocks.py      Block Kit builders that keep to Slack's limits
"""

from bot.slack.mount import mount_slack

__all__ = ["mount_slack"]
