"""Dev part 12 of the chat question bank: near misses.

Written from the spec only (notes/bank_spec.md, notes/bank_facts.md) by a helper who never saw
the reader's rules or any other bank; used to tune the reader. Theme: questions a careless
reader would answer confidently but wrongly. About half are answerable but have structure that
is easy to misread (two conditions on different fields, a condition on the measured field, a
share of a sub-group, two filtered groups compared, not/never/except/other than, at most/no more
than/or more, bottom-n and least/fewest, medians, sums vs means, rates of the yes/no keys in a
group, personas named by a nickname, a misspelling or only by their rank, numbers with units).
The other half must be declined: they look supported but one part cannot be answered from the
data (a qualifier the tables do not record, a column the model lacks, a single customer's value,
a trend, a forecast, a correlation, a cause, a std dev, a percentile other than the median, a
listing of customers, a time span on a table without dates), so dropping that part would answer
a different question.

Persona ids relied on (from notes/bank_facts.md):
demo: 0 Budget-Conscious Young Families (largest, youngest, lowest income), 1 Comfortable Parents
of Teens, 2 Deal-Seeking Families (most deal purchases), 3 Frugal Families (oldest, lowest total
spend), 4 Affluent Fruit & Sweets Lovers (richest, highest total spend, most wine), 5
Campaign-Responsive Meat & Fish Gourmets (smallest, highest response rate, most meat).
mall: 0 Mostly Female Customers, 1 High-Income Low-Spenders (richest, lowest spending score),
2 Older Low-Spenders (oldest), 3 Young High-Spenders (youngest, highest spending score). No
children, spend categories, channels, campaigns, complaints, dates, education or marital status.
shop: 0 Young Low-Income Low-Spenders (youngest, lowest income, lowest total spend, mostly
North), 1 Older High-Income Customers (oldest, richest, mostly West), 2 Frequent High-Spenders
(highest total spend, most visits per month, mostly South). No children, spend categories,
channels, campaigns, responses, complaints, dates, education, marital status or gender.

Metric keys relied on:
demo: income, age, children, kidhome, teenhome, recency_days (days since the last purchase),
tenure_days, total_spend (two-year spend), spend_wines, spend_fruits, spend_meat, spend_fish,
spend_sweets, spend_gold, purchases_web, purchases_catalog, purchases_store, purchases_deals,
total_purchases, web_visits_month, campaigns_accepted (of the five past campaigns); yes/no keys
response (the last campaign) and complain (in the last two years); dimensions education (Basic,
2n Cycle, Graduation, Master, PhD), education_level, marital_status (Single, Married, Together,
Divorced, Widow), partner.
mall: age, annual_income_k (thousands), spending_score_1_100; dimension gender (Male, Female).
shop: age, annual_income, total_spend (no period known), visits_per_month; dimension region
(North, South, West, East).
"Kids"/"children" = children; "aged 30 to 50" is between 30 and 50 inclusive.
"""

from tests._reading import case

__all__ = ["CASES"]

M = "mall"
S = "shop"

D = "decline"

# fmt: off
CASES = [
    # -- demo, answerable ------------------------------------------------------------------
    case("What's the average income of customers earning over 60k?",
         kind="aggregate", measure="income", stat="mean", where=[("income", ">", 60000)]),
    case("Median wine spend among customers who spend more than $500 on wine?",
         kind="aggregate", measure="spend_wines", stat="median",
         where=[("spend_wines", ">", 500)]),
    case("Among our PhD holders, what share are married?",
         kind="aggregate", measure="customers", stat="share",
         where=[("marital_status", "==", "Married")], within=[("education", "==", "PhD")]),
    case("What percentage of childless customers are divorced?",
         kind="aggregate", measure="customers", stat="share",
         where=[("marital_status", "==", "Divorced")], within=[("children", "==", 0)]),
    case("What's the response rate among customers with at most one child?",
         kind="aggregate", measure="response", stat="rate", where=[("children", "<=", 1)]),
    case("Complaint rate for customers who don't have a PhD?",
         kind="aggregate", measure="complain", stat="rate",
         where=[("education", "!=", "PhD")]),
    case("How many customers earning under $40,000 spent over 1k in total?",
         kind="aggregate", measure="customers", stat="count",
         where=[("income", "<", 40000), ("total_spend", ">", 1000)]),
    case("Average number of deal purchases for the deal seekers with 2 or more kids?",
         kind="aggregate", measure="purchases_deals", stat="mean", personas=[2],
         where=[("children", ">=", 2)]),
    case("How many deal purchases did the Deal-Seeking Families make in total, all of them "
         "added up?",
         kind="aggregate", measure="purchases_deals", stat="sum", personas=[2]),
    case("Which two personas have the lowest average income?",
         kind="rank", measure="income", order="asc", top=2),
    case("What's the combined wine spend of all the Affluent Fruit & Sweets Lovers together?",
         kind="aggregate", measure="spend_wines", stat="sum", personas=[4]),
    case("What's the average total spend of the Meat & Fish Gourmets?",
         kind="aggregate", measure="total_spend", stat="mean", personas=[5]),
    case("Median income of the Frugal Familes?",
         kind="aggregate", measure="income", stat="median", personas=[3]),
    case("How old are the budget young families on average?",
         kind="aggregate", measure="age", stat="mean", personas=[0]),
    case("In the richest persona, how many customers accepted none of the past campaigns?",
         kind="aggregate", measure="customers", stat="count", personas=[4],
         where=[("campaigns_accepted", "==", 0)]),
    case("What's the response rate in the youngest persona?",
         kind="aggregate", measure="response", stat="rate", personas=[0]),
    case("Compare the average income of customers with kids and customers without kids.",
         kind="compare", groups=[[("children", ">", 0)], [("children", "==", 0)]],
         measures=["income"]),
    case("How does wine spending of PhD holders compare with everyone else?",
         kind="compare",
         groups=[[("education", "==", "PhD")], [("education", "!=", "PhD")]],
         measures=["spend_wines"]),
    case("How many customers made 5 or more catalog purchases and never complained?",
         kind="aggregate", measure="customers", stat="count",
         where=[("purchases_catalog", ">=", 5), ("complain", "==", 0)]),
    case("What share of customers made no more than 2 web purchases?",
         kind="aggregate", measure="customers", stat="share",
         where=[("purchases_web", "<=", 2)]),
    case("For customers who haven't bought in over 60 days, what's the average number of days "
         "since their last purchase?",
         kind="aggregate", measure="recency_days", stat="mean",
         where=[("recency_days", ">", 60)]),
    case("Which persona has the highest share of PhD holders?",
         kind="rank", measure="customers", stat="share",
         where=[("education", "==", "PhD")], order="desc", top=1),
    case("Rank the personas by median income, lowest first.",
         kind="rank", measure="income", stat="median", order="asc"),
    case("Which 3 personas spend the least on gold on average?",
         kind="rank", measure="spend_gold", order="asc", top=3),
    case("Average store purchases of customers aged 30 to 50 with no teenagers at home?",
         kind="aggregate", measure="purchases_store", stat="mean",
         where=[("age", "between", (30, 50)), ("teenhome", "==", 0)]),
    case("Among divorced customers, what share responded to the last campaign?",
         kind="aggregate", measure="response", stat="rate",
         where=[("marital_status", "==", "Divorced")]),
    case("How much did customers earning 75k or more spend on meat altogether?",
         kind="aggregate", measure="spend_meat", stat="sum",
         where=[("income", ">=", 75000)]),
    case("What's the average income of everyone except the Frugal Families?",
         kind="aggregate", measure="income", stat="mean", personas=[0, 1, 2, 4, 5]),
    case("How many customers spent more than 1.5k in total over the two years?",
         kind="aggregate", measure="customers", stat="count",
         where=[("total_spend", ">", 1500)]),

    # -- demo, to be declined --------------------------------------------------------------
    case("What's the average spend on organic products of the Affluent Fruit & Sweets Lovers?",
         kind=D),
    case("How much do the Deal-Seeking Families spend on weekends?", kind=D),
    case("What's the response rate of customers who order through our mobile app?", kind=D),
    case("How much did the gourmets spend on meat last Christmas?", kind=D),
    case("What's the average order value of the Comfortable Parents of Teens?", kind=D),
    case("Which persona gives us the best profit margin?", kind=D),
    case("What's the customer lifetime value of the Budget-Conscious Young Families?", kind=D),
    case("Average basket size of the Frugal Families?", kind=D),
    case("Which persona returns the most products?", kind=D),
    case("On average, how big a discount did the deal seekers get per order?", kind=D),
    case("Average income of the female customers in the Affluent Fruit & Sweets Lovers?",
         kind=D),
    case("Which region do most of the Meat & Fish Gourmets live in?", kind=D),
    case("What's the income of customer 5524?", kind=D),
    case("Who is the top earner among the Affluent Fruit & Sweets Lovers?", kind=D),
    case("How has wine spending of the affluent persona changed over the last two years?",
         kind=D),
    case("How much will the Deal-Seeking Families spend next year?", kind=D),
    case("Is income correlated with wine spend?", kind=D),
    case("Does having kids make customers spend less on wine?", kind=D),
    case("What's the standard deviation of income within the Comfortable Parents of Teens?",
         kind=D),
    case("What's the 90th percentile of total spend?", kind=D),
    case("List the Meat & Fish Gourmets who complained.", kind=D),
    case("What's the average amount customers spend online?", kind=D),
    case("How many complaints did we get last month?", kind=D),
    case("What's our average wine spend per web visit?", kind=D),
    case("Which persona opens our newsletters most often?", kind=D),
    case("Average total spend of customers who joined through a referral?", kind=D),
    case("How many customers bought wine in the last 30 days?", kind=D),

    # -- mall, answerable ------------------------------------------------------------------
    case("Average age of mall customers with an annual income above 60k?", M,
         kind="aggregate", measure="age", stat="mean", where=[("annual_income_k", ">", 60)]),
    case("Median annual income, in thousands, of customers earning over $70,000?", M,
         kind="aggregate", measure="annual_income_k", stat="median",
         where=[("annual_income_k", ">", 70)]),
    case("What share of female customers have a spending score of 70 or more?", M,
         kind="aggregate", measure="customers", stat="share",
         where=[("spending_score_1_100", ">=", 70)], within=[("gender", "==", "Female")]),
    case("Which two personas have the lowest average age?", M,
         kind="rank", measure="age", order="asc", top=2),
    case("How many men under 30 have a spending score of at most 40?", M,
         kind="aggregate", measure="customers", stat="count",
         where=[("gender", "==", "Male"), ("age", "<", 30),
                ("spending_score_1_100", "<=", 40)]),
    case("Compare the spending scores of men and women.", M,
         kind="compare", groups=[[("gender", "==", "Male")], [("gender", "==", "Female")]],
         measures=["spending_score_1_100"]),
    case("What's the average spending score of the richest persona?", M,
         kind="aggregate", measure="spending_score_1_100", stat="mean", personas=[1]),
    case("How many of the young high spenders are women?", M,
         kind="aggregate", measure="customers", stat="count", personas=[3],
         where=[("gender", "==", "Female")]),
    case("Average annual income of customers aged 40 or more who aren't in the Older "
         "Low-Spenders?", M,
         kind="aggregate", measure="annual_income_k", stat="mean", personas=[0, 1, 3],
         where=[("age", ">=", 40)]),
    case("What's the average annual income (in thousands) of women with a spending score "
         "below 50?", M,
         kind="aggregate", measure="annual_income_k", stat="mean",
         where=[("gender", "==", "Female"), ("spending_score_1_100", "<", 50)]),

    # -- mall, to be declined --------------------------------------------------------------
    case("How many children do the Young High-Spenders have on average?", M, kind=D),
    case("Which persona responded best to our last campaign?", M, kind=D),
    case("How many dollars does the average Young High-Spender spend with us?", M, kind=D),
    case("How did the spending score of the High-Income Low-Spenders change over the past "
         "year?", M, kind=D),
    case("How many customers joined in the last six months?", M, kind=D),
    case("Are married customers more likely to have a high spending score?", M, kind=D),
    case("What's the spending score of customer 17?", M, kind=D),
    case("What's the correlation between age and spending score?", M, kind=D),
    case("What's the 75th percentile of annual income among men?", M, kind=D),
    case("Which persona shops online the most?", M, kind=D),

    # -- shop, answerable ------------------------------------------------------------------
    case("Average income of shop customers earning over 60k?", S,
         kind="aggregate", measure="annual_income", stat="mean",
         where=[("annual_income", ">", 60000)]),
    case("Of the customers who visit 5 or more times a month, what share are from the South?",
         S, kind="aggregate", measure="customers", stat="share",
         where=[("region", "==", "South")], within=[("visits_per_month", ">=", 5)]),
    case("How many customers outside the North have a total spend of more than 1k?", S,
         kind="aggregate", measure="customers", stat="count",
         where=[("region", "!=", "North"), ("total_spend", ">", 1000)]),
    case("Median total spend of our customers in the West?", S,
         kind="aggregate", measure="total_spend", stat="median",
         where=[("region", "==", "West")]),
    case("Compare visits per month of customers in the North and in the South.", S,
         kind="compare", groups=[[("region", "==", "North")], [("region", "==", "South")]],
         measures=["visits_per_month"]),
    case("Which persona comes in the fewest times a month on average?", S,
         kind="rank", measure="visits_per_month", order="asc", top=1),
    case("What's the combined total spend of all the Frequent High-Spenders?", S,
         kind="aggregate", measure="total_spend", stat="sum", personas=[2]),
    case("What's the average age of the oldest persona's customers in the East?", S,
         kind="aggregate", measure="age", stat="mean", personas=[1],
         where=[("region", "==", "East")]),
    case("How many of the older high earners make under $70,000 a year?", S,
         kind="aggregate", measure="customers", stat="count", personas=[1],
         where=[("annual_income", "<", 70000)]),
    case("Average monthly visits of customers aged 60 or over who spend at most 500 in total?",
         S, kind="aggregate", measure="visits_per_month", stat="mean",
         where=[("age", ">=", 60), ("total_spend", "<=", 500)]),
    case("Average total spend by region?", S,
         kind="aggregate", measure="total_spend", stat="mean", by=["region"]),
    case("Median income of the young low spenders?", S,
         kind="aggregate", measure="annual_income", stat="median", personas=[0]),
    case("Which are the bottom 2 personas by average income?", S,
         kind="rank", measure="annual_income", order="asc", top=2),

    # -- shop, to be declined --------------------------------------------------------------
    case("How many children do the Frequent High-Spenders have?", S, kind=D),
    case("Which persona spends the most on electronics?", S, kind=D),
    case("What's the response rate of the Older High-Income Customers to our email campaign?",
         S, kind=D),
    case("How much did the Frequent High-Spenders spend last year?", S, kind=D),
    case("What's the average annual spend of the Frequent High-Spenders?", S, kind=D),
    case("Average spend per visit of the young low spenders?", S, kind=D),
    case("How many women are in the Older High-Income persona?", S, kind=D),
    case("How have visits per month changed since January?", S, kind=D),
    case("Predict next quarter's spend of the Frequent High-Spenders.", S, kind=D),
    case("What's the total spend of customer 100042?", S, kind=D),
    case("Give me a list of the East customers who spent over 1,500.", S, kind=D),
    case("What's the average profit per customer in the South?", S, kind=D),
]
# fmt: on
