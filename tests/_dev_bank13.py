"""Dev part 13 of the chat question bank: near misses on the demo and mall models.

Written from the spec only (notes/bank_spec.md, notes/bank_facts.md) by a helper who never saw
the reader's rules or the other banks; used to tune the reader. Theme: questions a careless
reader would answer confidently but wrongly, typed the way marketers type them. About 60 are
answerable but easy to misread (a figure of the same field as its condition, two or three mixed
conditions, between / at most / no more than / under / or older, negations in many forms, shares
of a sub-group base, yes/no rates within a group, comparisons of filtered groups or personas on
named measures, filtered rankings, bottom-n, medians and sums, filtered breakdowns, personas
named by nickname, misspelling or rank, numbers with units or in words). About 40 look
supported but one part cannot be answered (an unrecorded qualifier, a missing column, an "or"
between conditions, a single customer's value, a trend, a forecast, a correlation, a cause, a
std dev or variance, a percentile other than the median, a customer listing, a time span on the
mall table, a derived metric such as spend per purchase): those are declines.

Facts relied on (copied from notes/bank_facts.md):
demo model (reference marketing schema, 2,240 customers). Persona ids: 0 Budget-Conscious Young
Families (largest, youngest, lowest income), 1 Comfortable Parents of Teens, 2 Deal-Seeking
Families (most deal purchases), 3 Frugal Families (oldest, lowest total spend), 4 Affluent Fruit
& Sweets Lovers (richest, highest total spend, most wine), 5 Campaign-Responsive Meat & Fish
Gourmets (smallest, highest response rate, most meat).
mall model (CustomerID, Gender, Age, Annual Income (k$), Spending Score (1-100); 400 rows).
Persona ids: 0 Mostly Female Customers, 1 High-Income Low-Spenders (richest, lowest spending
score), 2 Older Low-Spenders (oldest), 3 Young High-Spenders (youngest, highest spending score).
The mall table has NO children, spend categories, channels, campaigns, complaints, dates,
education or marital status.
Demo metric keys: income, age, children, kidhome, teenhome, recency_days, tenure_days,
total_spend (two-year spend), spend_wines, spend_fruits, spend_meat, spend_fish, spend_sweets,
spend_gold, purchases_web, purchases_catalog, purchases_store, purchases_deals,
total_purchases, web_visits_month, campaigns_accepted (of the five past campaigns); yes/no keys
response (the last campaign) and complain (in the last two years); dimensions education (Basic,
2n Cycle, Graduation, Master, PhD), education_level, marital_status (Single, Married, Together,
Divorced, Widow), partner.
Mall metric keys: age, annual_income_k (thousands), spending_score_1_100; dimension gender
(Male, Female). "Kids"/"children" = children; "aged 30 to 50" is between 30 and 50 inclusive.
"""

from tests._reading import case

__all__ = ["CASES"]

M = "mall"

KIDS = ("children", ">", 0)
NO_KIDS = ("children", "==", 0)
MARRIED = ("marital_status", "==", "Married")
PHD = ("education", "==", "PhD")
MALE = ("gender", "==", "Male")
FEMALE = ("gender", "==", "Female")
SCORE = "spending_score_1_100"
INCOME_K = "annual_income_k"

# fmt: off
CASES = [
    # -- demo: answerable, easy to misread -------------------------------------------------
    # a figure of the same field as its condition
    case("What's the average income of customers who earn more than $80,000?",
         kind="aggregate", measure="income", stat="mean", where=[("income", ">", 80000)]),
    case("avg number of kids among customers who have at least one kid",
         kind="aggregate", measure="children", stat="mean", where=[("children", ">=", 1)]),
    # two or three conditions, numbers and categories mixed
    case("How many married customers with a PhD earn over 70k?",
         kind="aggregate", measure="customers", stat="count",
         where=[MARRIED, PHD, ("income", ">", 70000)]),
    case("Average wine spend for customers aged 30 to 50 with no kids",
         kind="aggregate", measure="spend_wines", stat="mean",
         where=[("age", "between", (30, 50)), NO_KIDS]),
    case("what's the average total spend of people earning between 40 and 60 thousand",
         kind="aggregate", measure="total_spend", stat="mean",
         where=[("income", "between", (40000, 60000))]),
    case("How many customers made at most 2 web purchases?",
         kind="aggregate", measure="customers", stat="count", where=[("purchases_web", "<=", 2)]),
    case("How many customers have no more than one child and spent over $1,000 in total?",
         kind="aggregate", measure="customers", stat="count",
         where=[("children", "<=", 1), ("total_spend", ">", 1000)]),
    case("How many customers aged thirty-five or older spent over two thousand dollars?",
         kind="aggregate", measure="customers", stat="count",
         where=[("age", ">=", 35), ("total_spend", ">", 2000)]),
    case("Average income of customers who made more than a dozen store purchases",
         kind="aggregate", measure="income", stat="mean", where=[("purchases_store", ">", 12)]),
    case("How many customers have been with us for over 500 days but spent less than $200 "
         "in total?",
         kind="aggregate", measure="customers", stat="count",
         where=[("tenure_days", ">", 500), ("total_spend", "<", 200)]),
    # negations
    case("Response rate on the last campaign for customers who aren't married",
         kind="aggregate", measure="response", stat="rate",
         where=[("marital_status", "!=", "Married")]),
    case("What's the average income of customers who don't have teenagers?",
         kind="aggregate", measure="income", stat="mean", where=[("teenhome", "==", 0)]),
    case("How many customers have never bought from the catalog?",
         kind="aggregate", measure="customers", stat="count",
         where=[("purchases_catalog", "==", 0)]),
    case("Average meat spend of customers without a complaint on record",
         kind="aggregate", measure="spend_meat", stat="mean", where=[("complain", "==", 0)]),
    case("Average income of customers other than PhDs",
         kind="aggregate", measure="income", stat="mean", where=[("education", "!=", "PhD")]),
    case("Excluding divorced customers, how many have a Master's degree?",
         kind="aggregate", measure="customers", stat="count",
         where=[("marital_status", "!=", "Divorced"), ("education", "==", "Master")]),
    case("Avg monthly web visits for anyone but single customers",
         kind="aggregate", measure="web_visits_month", stat="mean",
         where=[("marital_status", "!=", "Single")]),
    case("What's the response rate for customers whose education isn't Basic?",
         kind="aggregate", measure="response", stat="rate", where=[("education", "!=", "Basic")]),
    case("Average income of everyone except the Frugal Families",
         kind="aggregate", measure="income", stat="mean", personas=[0, 1, 2, 4, 5]),
    # shares with a sub-group base
    case("Of our customers with kids, how many % are married?",
         kind="aggregate", measure="customers", stat="share", where=[MARRIED], within=[KIDS]),
    case("What fraction of customers over 60 are widowed?",
         kind="aggregate", measure="customers", stat="share",
         where=[("marital_status", "==", "Widow")], within=[("age", ">", 60)]),
    case("PhD holders as a share of customers earning over 75k",
         kind="aggregate", measure="customers", stat="share", where=[PHD],
         within=[("income", ">", 75000)]),
    case("Among customers who accepted at least one of the five past campaigns, what proportion "
         "have teenagers at home?",
         kind="aggregate", measure="customers", stat="share", where=[("teenhome", ">", 0)],
         within=[("campaigns_accepted", ">=", 1)]),
    case("What percentage of the deal seekers hold a PhD?",
         kind="aggregate", measure="customers", stat="share", where=[PHD], personas=[2]),
    # yes/no rates within a group
    case("What % of customers over 65 have complained in the last two years?",
         kind="aggregate", measure="complain", stat="rate", where=[("age", ">", 65)]),
    case("What's the response rate of the Deal-Seeking Families on the last campaign?",
         kind="aggregate", measure="response", stat="rate", personas=[2]),
    # comparisons of two filtered groups or two personas on named measures
    case("Compare customers with and without kids on wine and meat spend",
         kind="compare", groups=[[KIDS], [NO_KIDS]], measures=["spend_wines", "spend_meat"]),
    case("compare the average total spend of customers under 40 with those 40 and older",
         kind="compare", groups=[[("age", "<", 40)], [("age", ">=", 40)]],
         measures=["total_spend"]),
    case("How do the gourmets and the Afluent Fruit & Sweets Lovers compare on response rate "
         "and number of campaigns accepted?",
         kind="compare", personas=[5, 4], measures=["response", "campaigns_accepted"]),
    case("Compare the richest persona with the oldest one on total spend",
         kind="compare", personas=[4, 3], measures=["total_spend"]),
    # rankings with a filter, bottom-n
    case("Among PhD holders, which persona spends the most on wine?",
         kind="rank", measure="spend_wines", order="desc", top=1, where=[PHD]),
    case("Among customers under 40, which persona has the highest response rate?",
         kind="rank", measure="response", stat="rate", order="desc", top=1,
         where=[("age", "<", 40)]),
    case("Which persona has the highest share of divorced customers?",
         kind="rank", measure="customers", stat="share", order="desc", top=1,
         where=[("marital_status", "==", "Divorced")]),
    case("Bottom two personas by average monthly website visits",
         kind="rank", measure="web_visits_month", order="asc", top=2),
    case("Which three personas have the lowest median income?",
         kind="rank", measure="income", stat="median", order="asc", top=3),
    # medians and sums
    case("median total spend of the Frugle Families",
         kind="aggregate", measure="total_spend", stat="median", personas=[3]),
    case("Sum of meat spend for the gourmets who have kids",
         kind="aggregate", measure="spend_meat", stat="sum", personas=[5], where=[KIDS]),
    # breakdowns with a filter
    case("Break down the number of customers with kids by marital status",
         kind="aggregate", measure="customers", stat="count", where=[KIDS],
         by=["marital_status"]),
    case("Chart average income by education for customers under forty",
         kind="aggregate", measure="income", stat="mean", where=[("age", "<", 40)],
         by=["education"], show="chart"),
    case("Show the response rate by persona for customers who made more than five deal "
         "purchases",
         kind="aggregate", measure="response", stat="rate", where=[("purchases_deals", ">", 5)],
         by=["persona"]),
    # personas by misspelling or rank, with a condition
    case("Average age of the Comfortible Parents of Teens with an income under 50 grand",
         kind="aggregate", measure="age", stat="mean", personas=[1],
         where=[("income", "<", 50000)]),
    case("How many of the biggest persona are married?",
         kind="aggregate", measure="customers", stat="count", personas=[0], where=[MARRIED]),
    case("How many Budjet-Conscious Young Familes have two or more kids?",
         kind="aggregate", measure="customers", stat="count", personas=[0],
         where=[("children", ">=", 2)]),

    # -- demo: declines (one part cannot be answered) ---------------------------------------
    case("What's the average income of our vegetarian customers?", kind="decline"),
    case("How many female customers with kids spent over $1,000?", kind="decline"),
    case("Average wine spend of customers in California", kind="decline"),
    case("Average income of customers who are single or divorced", kind="decline"),
    case("How many customers have a PhD or earn over 90k?", kind="decline"),
    case("Response rate of customers under 30 or over 65", kind="decline"),
    case("What's the total spend of customer 5524?", kind="decline"),
    case("What's the highest income among the Frugal Families?", kind="decline"),
    case("How has the gourmets' meat spend trended over the past year?", kind="decline"),
    case("How many of the Deal-Seeking Families will respond to our next campaign?",
         kind="decline"),
    case("Is income correlated with wine spend for married customers?", kind="decline"),
    case("What's causing the Frugal Families to spend so little?", kind="decline"),
    case("Standard deviation of income among customers with kids", kind="decline"),
    case("What's the 90th percentile of total spend for the Affluent Fruit & Sweets Lovers?",
         kind="decline"),
    case("Give me a list of the married customers with a PhD and an income over 100k",
         kind="decline"),
    case("Average spend per purchase for the deal seekers", kind="decline"),
    case("What's the average order value for customers with teenagers?", kind="decline"),
    case("Average income of customers who bought organic products", kind="decline"),
    case("How many customers who opened our last email have kids?", kind="decline"),
    case("How much did married customers spend on wine last December?", kind="decline"),
    case("What income marks the top 10% of our PhD customers?", kind="decline"),
    case("How old is the youngest customer in the Comfortable Parents of Teens?",
         kind="decline"),
    case("Show me the IDs of the gourmets who complained", kind="decline"),
    case("What's the variance in monthly web visits for the youngest persona?", kind="decline"),
    case("What's the wine-to-meat spend ratio for the Affluent Fruit & Sweets Lovers?",
         kind="decline"),
    case("Average income of customers with toddlers under three", kind="decline"),
    case("How many customers complained more than twice?", kind="decline"),

    # -- mall: answerable, easy to misread -------------------------------------------------
    case("Average spending score of female shoppers aged 40 or older", M,
         kind="aggregate", measure=SCORE, stat="mean", where=[FEMALE, ("age", ">=", 40)]),
    case("avg annual income of shoppers making at least $60,000 a year", M,
         kind="aggregate", measure=INCOME_K, stat="mean", where=[(INCOME_K, ">=", 60)]),
    case("Average spending score of shoppers who aren't older than 45", M,
         kind="aggregate", measure=SCORE, stat="mean", where=[("age", "<=", 45)]),
    case("How many shoppers aged 25 to 35 have a spending score over 60?", M,
         kind="aggregate", measure="customers", stat="count",
         where=[("age", "between", (25, 35)), (SCORE, ">", 60)]),
    case("how many women aged fifty or older do we have", M,
         kind="aggregate", measure="customers", stat="count", where=[FEMALE, ("age", ">=", 50)]),
    case("Of the male customers, what percentage have a spending score above 70?", M,
         kind="aggregate", measure="customers", stat="share", where=[(SCORE, ">", 70)],
         within=[MALE]),
    case("What fraction of shoppers under 30 are women?", M,
         kind="aggregate", measure="customers", stat="share", where=[FEMALE],
         within=[("age", "<", 30)]),
    case("What share of the Older Low Spendors are men?", M,
         kind="aggregate", measure="customers", stat="share", where=[MALE], personas=[2]),
    case("Which segment has the highest share of men?", M,
         kind="rank", measure="customers", stat="share", order="desc", top=1, where=[MALE]),
    case("Among customers under 35, which persona has the highest average spending score?", M,
         kind="rank", measure=SCORE, order="desc", top=1, where=[("age", "<", 35)]),
    case("Which two personas have the lowest average income?", M,
         kind="rank", measure=INCOME_K, order="asc", top=2),
    case("median age of the young high-spenders", M,
         kind="aggregate", measure="age", stat="median", personas=[3]),
    case("What's the combined annual income of the oldest persona?", M,
         kind="aggregate", measure=INCOME_K, stat="sum", personas=[2]),
    case("Excluding the Young High-Spenders, what's the average age of our shoppers?", M,
         kind="aggregate", measure="age", stat="mean", personas=[0, 1, 2]),
    case("Compare men and women on annual income and spending score", M,
         kind="compare", groups=[[MALE], [FEMALE]], measures=[INCOME_K, SCORE]),
    case("How do the High-Income Low-Spenders compare with the Young High-Spenders on age?", M,
         kind="compare", personas=[1, 3], measures=["age"]),
    case("Average spending score by gender for customers earning under 40k", M,
         kind="aggregate", measure=SCORE, stat="mean", where=[(INCOME_K, "<", 40)],
         by=["gender"]),

    # -- mall: declines --------------------------------------------------------------------
    case("How many of the Young High-Spenders have kids?", M, kind="decline"),
    case("Average spending score of married women", M, kind="decline"),
    case("What's the spending score of customer 17?", M, kind="decline"),
    case("How has the Young High-Spenders' average spending score changed since last year?", M,
         kind="decline"),
    case("Average income of female shoppers who visited in the last 6 months", M,
         kind="decline"),
    case("Average spending score of shoppers under 25 or over 60", M, kind="decline"),
    case("Is there a correlation between income and spending score among women?", M,
         kind="decline"),
    case("What's the standard deviation of annual income for men?", M, kind="decline"),
    case("What's the 75th percentile of spending score?", M, kind="decline"),
    case("List the male customers earning over 100k", M, kind="decline"),
    case("What's the average spending score per thousand dollars of income, by persona?", M,
         kind="decline"),
    case("What's the highest income of any female customer?", M, kind="decline"),
    case("What will the Mostly Female Customers' average spending score be next quarter?", M,
         kind="decline"),
]
# fmt: on
