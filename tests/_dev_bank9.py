"""Dev part 9 of the chat question bank, written from the spec only (notes/bank_spec.md and
notes/bank_facts.md) by a helper who never saw the reader's rules or any other bank; used to
tune the reader. Voice: a regional retail manager and their store team writing quickly in
chat about their own shop export (shorthand such as "avg", "#", "k", "ppl"; "spend" for
total_spend, "income" for annual_income, "visits" for visits_per_month, "zone"/"area" for
region; occasional typos). Mostly on the shop table, some on the demo and mall models.

Facts relied on (copied from notes/bank_facts.md):

shop model (a shop's own export, 1,000 rows, auto k = 3). Persona ids: 0 Young Low-Income
Low-Spenders (youngest, lowest income, lowest total spend, mostly North), 1 Older High-Income
Customers (oldest, richest, mostly West), 2 Frequent High-Spenders (highest total spend, most
visits per month, mostly South). Shop metric keys: age, annual_income, total_spend (no period
is known for it), visits_per_month; dimension region (North, South, West, East). The shop
table has NO children, spend categories, channels, campaigns, responses, complaints, dates,
education, marital status or gender.

demo model (2,240 customers). Persona ids: 0 Budget-Conscious Young Families (largest,
youngest, lowest income), 1 Comfortable Parents of Teens, 2 Deal-Seeking Families (most deal
purchases), 3 Frugal Families (oldest, lowest total spend), 4 Affluent Fruit & Sweets Lovers
(richest, highest total spend, most wine), 5 Campaign-Responsive Meat & Fish Gourmets
(smallest, highest response rate, most meat). Demo metric keys: income, age, children,
kidhome, teenhome, recency_days, tenure_days, total_spend, spend_wines, spend_fruits,
spend_meat, spend_fish, spend_sweets, spend_gold, purchases_web, purchases_catalog,
purchases_store, purchases_deals, total_purchases, web_visits_month, campaigns_accepted;
yes/no keys response and complain; dimensions education (Basic, 2n Cycle, Graduation,
Master, PhD), education_level, marital_status (Single, Married, Together, Divorced, Widow),
partner. No region or gender on demo.

mall model (400 rows). Persona ids: 0 Mostly Female Customers, 1 High-Income Low-Spenders
(richest, lowest spending score), 2 Older Low-Spenders (oldest), 3 Young High-Spenders
(youngest, highest spending score). Mall metric keys: age, annual_income_k (thousands),
spending_score_1_100; dimension gender (Male, Female). The mall table has NO children, spend
categories, channels, campaigns, complaints, dates, education or marital status.
"""

from tests._reading import case

__all__ = ["CASES"]

S = "shop"
M = "mall"

NORTH = ("region", "==", "North")
SOUTH = ("region", "==", "South")
WEST = ("region", "==", "West")
EAST = ("region", "==", "East")

# fmt: off
CASES = [
    # ---- shop: filtered aggregates ---------------------------------------------------------
    case("avg spend in our shop for ppl over 50?", S,
         kind="aggregate", measure="total_spend", stat="mean", where=[("age", ">", 50)]),
    case("whats the median income of customers in the North zone", S,
         kind="aggregate", measure="annual_income", stat="median", where=[NORTH]),
    case("# of customers who visit 8+ times a month", S,
         kind="aggregate", measure="customers", stat="count",
         where=[("visits_per_month", ">=", 8)]),
    case("how many customers do we have in the East area?", S,
         kind="aggregate", measure="customers", stat="count", where=[EAST]),
    case("avg visits per month for customers earning over 70k", S,
         kind="aggregate", measure="visits_per_month", stat="mean",
         where=[("annual_income", ">", 70000)]),
    case("sum of spend for all South zone customers, all added up", S,
         kind="aggregate", measure="total_spend", stat="sum", where=[SOUTH]),
    case("what % of our customers are from the West?", S,
         kind="aggregate", measure="customers", stat="share", where=[WEST]),
    case("of the customers in the South, what share spend more than 1,000?", S,
         kind="aggregate", measure="customers", stat="share",
         where=[("total_spend", ">", 1000)], within=[SOUTH]),
    case("what % of North customers are under 30?", S,
         kind="aggregate", measure="customers", stat="share",
         where=[("age", "<", 30)], within=[NORTH]),
    case("how many ppl under 25 spend less than 200?", S,
         kind="aggregate", measure="customers", stat="count",
         where=[("age", "<", 25), ("total_spend", "<", 200)]),
    case("avg income of customers aged 30 to 45 in the West", S,
         kind="aggregate", measure="annual_income", stat="mean",
         where=[("age", "between", (30, 45)), WEST]),
    case("avg spend of custmers who come in less than 2 times a month", S,
         kind="aggregate", measure="total_spend", stat="mean",
         where=[("visits_per_month", "<", 2)]),
    case("avg incme for the East zone?", S,
         kind="aggregate", measure="annual_income", stat="mean", where=[EAST]),
    # ---- shop: breakdowns by region and by persona -----------------------------------------
    case("avg spend by zone", S,
         kind="aggregate", measure="total_spend", stat="mean", by=["region"]),
    case("# customers per region pls", S,
         kind="aggregate", measure="customers", stat="count", by=["region"]),
    case("median income per region, as a table", S,
         kind="aggregate", measure="annual_income", stat="median", by=["region"],
         show="table"),
    case("avg age by region for customers with spend over 1k", S,
         kind="aggregate", measure="age", stat="mean", by=["region"],
         where=[("total_spend", ">", 1000)]),
    case("avg spend per persona in our shop", S,
         kind="aggregate", measure="total_spend", stat="mean", by=["persona"]),
    case("avg visits per month by persona, chart please", S,
         kind="aggregate", measure="visits_per_month", stat="mean", by=["persona"],
         show="chart"),
    # ---- shop: aggregates of one persona ---------------------------------------------------
    case("how many of the frequent high spenders are in the North?", S,
         kind="aggregate", measure="customers", stat="count", personas=[2], where=[NORTH]),
    case("avg age of the older high-income customers", S,
         kind="aggregate", measure="age", stat="mean", personas=[1]),
    case("median spend of the young low-income low-spenders", S,
         kind="aggregate", measure="total_spend", stat="median", personas=[0]),
    case("what share of the frequent high spenders visit at least 6 times a month?", S,
         kind="aggregate", measure="customers", stat="share", personas=[2],
         where=[("visits_per_month", ">=", 6)]),
    # ---- shop: rankings --------------------------------------------------------------------
    case("which group has the highest avg income?", S,
         kind="rank", measure="annual_income", order="desc", top=1),
    case("bottom persona by visits per month?", S,
         kind="rank", measure="visits_per_month", order="asc", top=1),
    case("top 2 personas by median spend", S,
         kind="rank", measure="total_spend", stat="median", order="desc", top=2),
    case("which persona has the highest share of its customers in the South", S,
         kind="rank", measure="customers", stat="share", where=[SOUTH], order="desc", top=1),
    case("among ppl over 40, which persona spends the most on avg?", S,
         kind="rank", measure="total_spend", where=[("age", ">", 40)], order="desc", top=1),
    case("rank our personas from youngest to oldest (avg age)", S,
         kind="rank", measure="age", order="asc"),
    case("which group has the lowest avg spend in the West zone", S,
         kind="rank", measure="total_spend", where=[WEST], order="asc", top=1),
    # ---- shop: comparisons -----------------------------------------------------------------
    case("compare the young low spenders vs the frequent high spenders", S,
         kind="compare", personas=[0, 2]),
    case("older high-income group vs frequent high spenders on spend and visits", S,
         kind="compare", personas=[1, 2], measures=["total_spend", "visits_per_month"]),
    case("North vs South customers - avg spend?", S,
         kind="compare", groups=[[NORTH], [SOUTH]], measures=["total_spend"]),
    case("compare ppl under 30 with ppl 60 and over", S,
         kind="compare", groups=[[("age", "<", 30)], [("age", ">=", 60)]]),
    case("how do customers earning over 80k compare with those under 40k on visits?", S,
         kind="compare",
         groups=[[("annual_income", ">", 80000)], [("annual_income", "<", 40000)]],
         measures=["visits_per_month"]),
    # ---- shop: describe, campaign, draft ---------------------------------------------------
    case("tell me about the frequent high spenders", S, kind="describe", personas=[2]),
    case("quick profile of the young low-income low spenders group", S,
         kind="describe", personas=[0]),
    case("give me campaign ideas for the older high income customers", S,
         kind="campaign", personas=[1]),
    case("any promo ideas to get the young low spenders to spend more in our shop?", S,
         kind="campaign", personas=[0]),
    case("draft a subject line for the frequent high spenders", S,
         kind="draft", personas=[2]),
    case("write an email subject for the older high-income group about our autumn event", S,
         kind="draft", personas=[1]),
    # ---- shop: assign, target, growth, help, list ------------------------------------------
    case("new customer: 27, income 22k, spent 250 so far, 2 visits a month, North - "
         "which group?", S,
         kind="assign", attributes={"age": 27, "annual_income": 22000, "total_spend": 250,
                                    "visits_per_month": 2, "region": "North"}),
    case("which persona would a 63 yr old from the West earning 95k fit in?", S,
         kind="assign", attributes={"age": 63, "region": "West", "annual_income": 95000}),
    case("customer aged 44, spends about 1,600 with us, comes in 7x a month - what segment?",
         S, kind="assign",
         attributes={"age": 44, "total_spend": 1600, "visits_per_month": 7}),
    case("who should we target for our new premium range?", S, kind="target"),
    case("which of our customer groups is growing fastest?", S, kind="growth"),
    case("hi! what can u do with our shop data?", S, kind="help"),
    case("what customer groups do we have?", S, kind="list"),
    # ---- shop: declines --------------------------------------------------------------------
    case("how many of our customers have children?", S, kind="decline"),
    case("which persona shops online the most?", S, kind="decline"),
    case("response rate to our last campaign by zone?", S, kind="decline"),
    case("avg spend of women in the South", S, kind="decline"),
    case("whats the spend of customer 100345?", S, kind="decline"),
    case("who is our single biggest spender and how much did they spend", S, kind="decline"),
    case("forecast next quarter's spend for the North", S, kind="decline"),
    case("is income correlated with spend in our shop?", S, kind="decline"),
    case("whats the 90th percentile of spend", S, kind="decline"),
    case("list the customers in the East who spend over 1500", S, kind="decline"),

    # ---- demo ------------------------------------------------------------------------------
    case("avg income of customers with kids",
         kind="aggregate", measure="income", stat="mean", where=[("children", ">", 0)]),
    case("response rate among PhD customers",
         kind="aggregate", measure="response", stat="rate",
         where=[("education", "==", "PhD")]),
    case("how many married customers have 2+ kids?",
         kind="aggregate", measure="customers", stat="count",
         where=[("marital_status", "==", "Married"), ("children", ">=", 2)]),
    case("median income of divorced customers",
         kind="aggregate", measure="income", stat="median",
         where=[("marital_status", "==", "Divorced")]),
    case("avg wine spend per persona",
         kind="aggregate", measure="spend_wines", stat="mean", by=["persona"]),
    case("what share of customers complained in the last 2 yrs?",
         kind="aggregate", measure="complain", stat="rate"),
    case("avg total spend by marital status",
         kind="aggregate", measure="total_spend", stat="mean", by=["marital_status"]),
    case("what share of married customers have a Master's?",
         kind="aggregate", measure="customers", stat="share",
         where=[("education", "==", "Master")], within=[("marital_status", "==", "Married")]),
    case("avg # of web purchases for customers earning over 80k",
         kind="aggregate", measure="purchases_web", stat="mean",
         where=[("income", ">", 80000)]),
    case("which persona has the highest response rate?",
         kind="rank", measure="response", stat="rate", order="desc", top=1),
    case("top 3 personas by avg spend",
         kind="rank", measure="total_spend", order="desc", top=3),
    case("which group makes the most in-store purchases on avg?",
         kind="rank", measure="purchases_store", order="desc", top=1),
    case("lowest avg income persona?", kind="rank", measure="income", order="asc", top=1),
    case("compare deal-seeking families and frugal families", kind="compare", personas=[2, 3]),
    case("customers with kids vs without - compare spend",
         kind="compare", groups=[[("children", ">", 0)], [("children", "==", 0)]],
         measures=["total_spend"]),
    case("describe the affluent fruit & sweets lovers", kind="describe", personas=[4]),
    case("campaign ideas for the meat & fish gourmets", kind="campaign", personas=[5]),
    case("write a subject line for the budget-conscious young families",
         kind="draft", personas=[0]),
    case("new wine range coming in - which persona do we target?",
         kind="target", measure="spend_wines"),
    case("who should we target with a gold jewellery promo?",
         kind="target", measure="spend_gold"),
    case("which persona is most loyal?", kind="loyalty"),
    case("which segment is most at risk of churning?", kind="churn"),
    case("which group is the most price sensitive?", kind="price_sensitivity"),
    case("which persona is growing fastest?", kind="growth"),
    case("a 38 yr old earning 45k with 2 kids - which persona?",
         kind="assign", attributes={"age": 38, "income": 45000, "children": 2}),
    case("how many customers in the North zone?", kind="decline"),
    case("avg spend of male customers", kind="decline"),
    case("what did customer 5524 spend on wine?", kind="decline"),
    case("std dev of income per persona", kind="decline"),
    case("how will spend change next year?", kind="decline"),

    # ---- mall ------------------------------------------------------------------------------
    case("avg spending score of female customers", M,
         kind="aggregate", measure="spending_score_1_100", stat="mean",
         where=[("gender", "==", "Female")]),
    case("# of male customers over 40", M,
         kind="aggregate", measure="customers", stat="count",
         where=[("gender", "==", "Male"), ("age", ">", 40)]),
    case("avg income by gender", M,
         kind="aggregate", measure="annual_income_k", stat="mean", by=["gender"]),
    case("what share of customers earn over 70k?", M,
         kind="aggregate", measure="customers", stat="share",
         where=[("annual_income_k", ">", 70)]),
    case("median income of customers under 30", M,
         kind="aggregate", measure="annual_income_k", stat="median", where=[("age", "<", 30)]),
    case("which persona has the highest avg spending score?", M,
         kind="rank", measure="spending_score_1_100", order="desc", top=1),
    case("youngest group on avg?", M, kind="rank", measure="age", order="asc", top=1),
    case("compare young high spenders with older low spenders", M,
         kind="compare", personas=[3, 2]),
    case("men vs women - avg spending score", M,
         kind="compare", groups=[[("gender", "==", "Male")], [("gender", "==", "Female")]],
         measures=["spending_score_1_100"]),
    case("describe the high-income low-spenders", M, kind="describe", personas=[1]),
    case("campaign ideas for the young high-spenders", M, kind="campaign", personas=[3]),
    case("a 52 yr old earning 35k with a spending score of 20 - which group?", M,
         kind="assign",
         attributes={"age": 52, "annual_income_k": 35, "spending_score_1_100": 20}),
    case("how many mall customers have kids?", M, kind="decline"),
    case("which group buys online most?", M, kind="decline"),
    case("which customer has the highest spending score?", M, kind="decline"),
]
# fmt: on
