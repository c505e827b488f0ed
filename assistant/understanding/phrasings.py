"""Training phrasings of the offline intent classifier, delexicalized.

Each line is ``kind<TAB>phrasing``, where the phrasing's catalog words are replaced by tags
the reader also produces: ``xpersonax`` (a persona reference), ``xmetricx`` (a measure),
``xnumx`` (a number, with its comparison word kept: ``gt xnumx``), ``xlevelx`` (a category
level such as PhD or married), ``xdimx`` (a dimension such as education) and ``xproductx``
(a product category). The hand-written lines come first; tuned.tsv holds the tuning and dev parts of
the question bank (tests/_tuning_bank.py) delexicalized by the reader itself (regenerate
with ``python -m benchmarks.intent_phrasings``). The held-out part is never added here.
"""

from __future__ import annotations

from importlib import resources

__all__ = ["HAND", "KINDS", "phrasings"]

KINDS = (
    "list", "describe", "aggregate", "rank", "compare", "target", "price_sensitivity",
    "loyalty", "churn", "growth", "assign", "campaign", "draft", "help", "decline", "chart",
    "table",
)  # fmt: skip

HAND = """
list	what segments are there
help	how does this chat work
list	could i get the full list of segments with their sizes
list	list of personas with their sizes
describe	paint me a picture of xpersonax
describe	give me a portrait of xpersonax
growth	are there more xpersonax now than a year ago
growth	which persona gained the most customers since last year
growth	is xpersonax getting smaller
growth	how fast is xpersonax growing
growth	which segments are shrinking
help	how does this work
help	what can i ask here
list	list the personas
list	show me all the segments
list	which personas do we have
list	give me an overview of our customer groups
list	how many segments are there
list	what groups did the model find
describe	tell me about xpersonax
describe	describe xpersonax
describe	who are xpersonax
describe	what are xpersonax like
describe	profile of xpersonax
describe	give me the details on xpersonax
describe	summarize xpersonax for me
describe	xpersonax
describe	more about xpersonax please
describe	what do we know about xpersonax
aggregate	what is the average xmetricx
aggregate	number of customers with xnumx xmetricx
aggregate	how many customers have xnumx xmetricx
aggregate	count of customers with xnumx xmetricx
aggregate	what is the average xmetricx of xpersonax
aggregate	average xmetricx of customers who gt xnumx
aggregate	mean xmetricx for customers with xmetricx gt xnumx
aggregate	median xmetricx of xpersonax
aggregate	how many customers have xmetricx gt xnumx
aggregate	how many customers are xlevelx
aggregate	how many customers complained
aggregate	how many xlevelx customers are in xpersonax
aggregate	number of customers with xnumx xmetricx
aggregate	count customers with xmetricx lt xnumx
aggregate	what share of customers are xlevelx
aggregate	what percentage of xpersonax have xmetricx
aggregate	what percent of customers responded to the last campaign
aggregate	response rate of xpersonax
aggregate	xmetricx by xdimx
aggregate	average xmetricx by xdimx
aggregate	average xmetricx per persona
aggregate	xmetricx for each segment
aggregate	break down xmetricx by persona and xdimx
aggregate	how many customers per segment by xdimx
aggregate	total xmetricx of all customers
aggregate	sum of xmetricx for xpersonax
aggregate	what is the typical xmetricx of a customer
aggregate	chart xmetricx by segment
aggregate	show a table of xmetricx by persona
aggregate	how much do xpersonax spend on xproductx
aggregate	how much do customers earn on average
aggregate	how old are xpersonax
aggregate	how many customers have kids
aggregate	how many customers are over xnumx
aggregate	how many customers do we have
rank	which segment has the highest xmetricx
rank	which persona spends the most on xproductx
rank	rank the segments by xmetricx
rank	which segment has the lowest xmetricx
rank	top xnumx segments by xmetricx
rank	who spends most on xproductx
rank	which group is the oldest
rank	which segment is richest
rank	order personas by xmetricx
rank	which personas buy most online
rank	which segment responds best to campaigns
rank	sort the segments by xmetricx from low to high
compare	compare xpersonax and xpersonax
compare	compare xpersonax with xpersonax on xmetricx
compare	xpersonax vs xpersonax
compare	how do xpersonax differ from xpersonax
compare	what is the difference between xpersonax and xpersonax
compare	how do the xnumx biggest segments differ
compare	do customers with kids spend more on xproductx than those without
compare	compare xlevelx and xlevelx customers on xmetricx
compare	xlevelx vs xlevelx customers xmetricx
compare	how are xpersonax different from xpersonax
target	which persona should i target for a xproductx launch
target	who should we target with a xproductx promotion
target	best segment for a new xproductx offer
target	which segment to target for premium xproductx
target	who would buy a xproductx product
target	which persona is the best audience for our xproductx campaign
price_sensitivity	which segments are most price sensitive
price_sensitivity	who responds to discounts
price_sensitivity	which persona loves deals
price_sensitivity	who are the bargain hunters
price_sensitivity	which customers are most discount driven
loyalty	which segment is most loyal
loyalty	who are our longest standing customers
loyalty	which personas have been with us the longest
loyalty	most loyal persona
loyalty	which group has the longest tenure
churn	which segment is most likely to churn
churn	who is at risk of leaving
churn	which customers are about to lapse
churn	churn risk by segment
churn	which persona might we lose
growth	which segments are growing fastest
growth	how has xpersonax changed over time
growth	which persona is shrinking
growth	growth of segments over the last year
growth	are our segments getting bigger
assign	which persona is a xnumx year old with xnumx kids earning xnumx
assign	assign a customer with xmetricx xnumx and xnumx xmetricx
assign	assign xmetricx xnumx xmetricx xnumx
assign	assign this customer to a persona xlevelx xmetricx xnumx
assign	where would a customer aged xnumx with income xnumx fit
assign	classify a customer earning xnumx who spends xnumx on xproductx
assign	which segment does a xlevelx xnumx year old belong to
assign	what persona fits someone with xnumx kids and xnumx income
assign	a xnumx year old xlevelx earning xnumx which segment
campaign	campaign ideas for xpersonax
campaign	how should we market to xpersonax
campaign	what offers would work for xpersonax
campaign	suggest a campaign for xpersonax
campaign	marketing ideas for xpersonax
campaign	how do we reach xpersonax
draft	write a subject line for xpersonax
draft	draft an email to xpersonax
draft	write an email for xpersonax about a xproductx offer
draft	give me a subject line for a campaign to xpersonax
draft	write a short message for xpersonax
draft	write copy for an sms to xpersonax
help	help
help	what can you do
help	how do i use this
help	what questions can i ask
help	hi
decline	what will income be next year
decline	forecast sales for next quarter
decline	what is the weather today
decline	what is customer xnumx income
decline	show me the records of customer xnumx
decline	asdf qwerty
decline	who won the football game
decline	predict revenue next month
decline	list the names and emails of xpersonax
decline	give me the customer ids in xpersonax
"""


def phrasings() -> list[tuple[str, str]]:
    """Every (kind, delexicalized phrasing) the classifier learns from."""
    tuned = resources.files("assistant.understanding").joinpath("tuned.tsv").read_text("utf-8")
    lines = [line for line in tuned.splitlines() if line and not line.startswith("#")]
    rows = [line.split("\t", 1) for line in HAND.strip().splitlines() + lines]
    return [(kind, text) for kind, text in rows if kind in KINDS]
