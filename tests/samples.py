"""Sample answers shared by the tests: one weak, one strong story for the same question."""

from __future__ import annotations

QUESTION = "Tell me about a time you dealt with a difficult customer."
WEAK = "Um, I basically sorted stuff out and things, you know. My old manager was useless."
STRONG = (
    "Last spring at Fernhill Garden Centre a customer came back with a cracked table top, "
    "the second faulty delivery he had had. I listened, apologised and checked our stock. I "
    "rang our other branch and arranged for our van to collect a replacement that afternoon. "
    "In the end he kept the 850 pound order and left a five-star review, and I added a check "
    "to goods-in."
)
