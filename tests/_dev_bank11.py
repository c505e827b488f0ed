"""Dev part 11 of the question bank: written from the spec only (notes/bank_spec.md and
notes/bank_facts.md) by a helper who never saw the reader's rules or other banks, used to tune
the reader. Voice: non-marketer colleagues (a sales rep, a finance analyst, a store clerk, an
intern) typing in plain everyday words, sometimes long-winded, with misspellings, numbers in
words ("forty", "sixty thousand", "a dozen"), US and UK spelling and vague verbs ("how are the X
doing on Y"). About 40 cases on the demo model, 30 on the mall model, 30 on the shop model;
about a fifth are declines.

Relied on (copied from notes/bank_facts.md):

demo persona ids: 0 Budget-Conscious Young Families (largest, youngest, lowest income),
1 Comfortable Parents of Teens, 2 Deal-Seeking Families (most deal purchases), 3 Frugal Families
(oldest, lowest total spend), 4 Affluent Fruit & Sweets Lovers (richest, highest total spend,
most wine), 5 Campaign-Responsive Meat & Fish Gourmets (smallest, highest response rate, most
meat).
mall persona ids: 0 Mostly Female Customers, 1 High-Income Low-Spenders (richest, lowest
spending score), 2 Older Low-Spenders (oldest), 3 Young High-Spenders (youngest, highest
spending score). The mall table has NO children, spend categories, channels, campaigns,
complaints, dates, education or marital status.
shop persona ids: 0 Young Low-Income Low-Spenders (youngest, lowest income, lowest total spend,
mostly North), 1 Older High-Income Customers (oldest, richest, mostly West), 2 Frequent
High-Spenders (highest total spend, most visits per month, mostly South). The shop table has NO
children, spend categories, channels, campaigns, responses, complaints, dates, education,
marital status or gender.

Demo metric keys: income, age, children, kidhome, teenhome, recency_days, tenure_days,
total_spend (two-year spend), spend_wines, spend_fruits, spend_meat, spend_fish, spend_sweets,
spend_gold, purchases_web, purchases_catalog, purchases_store, purchases_deals,
total_purchases, web_visits_month, campaigns_accepted; yes/no keys response, complain;
dimensions education (Basic, 2n Cycle, Graduation, Master, PhD), education_level,
marital_status (Single, Married, Together, Divorced, Widow), partner.
Mall metric keys: age, annual_income_k (thousands), spending_score_1_100; dimension gender
(Male, Female).
Shop metric keys: age, annual_income, total_spend (no period known), visits_per_month;
dimension region (North, South, West, East).
"""

from tests._reading import case

__all__ = ["CASES"]

M = "mall"
S = "shop"

# fmt: off
CASES = [
    # -- demo model: help, describe, ideas, drafts, assign, purposes -------------------------
    case("hi there, I'm in finance and someone told me to try this thing. what sort of stuff "
         "can I actually ask it?", kind="help"),
    case("can you tell me a bit about the frugal families? the sales team keep mentioning them "
         "and I've no idea who they are", kind="describe", personas=[3]),
    case("my manager wants ideas for getting the deal-seeking families to spend more with us, "
         "any suggestions for a campaign?", kind="campaign", personas=[2]),
    case("could you write me a subject line for an email to the affluent fruit and sweets lovers "
         "about our new dessert range", kind="draft", personas=[4]),
    case("had a customer in today, she's forty-five, earns about sixty thousand a year and has "
         "two kids. which group would she be in?", kind="assign",
         attributes={"age": 45, "income": 60000, "children": 2}),
    case("we're bringing in a posh gold jewellery line next month — which group should we be "
         "going after?", kind="target", measure="spend_gold"),
    case("which group is the most price sensitive? as in they only really buy when theres a "
         "discount on", kind="price_sensitivity"),
    case("who are our most loyal lot? which group has stuck with us the longest",
         kind="loyalty"),
    case("is any group looking like they're drifting away from us, like they havent bought "
         "anything in ages?", kind="churn"),
    case("which of the groups is growing the fastest right now?", kind="growth"),

    # -- demo model: filtered aggregates -----------------------------------------------------
    case("whats the avrage income of customers who complained in the last two years?",
         kind="aggregate", measure="income", stat="mean", where=[("complain", "==", 1)]),
    case("what's the median income for customers with a PhD who are also divorced",
         kind="aggregate", measure="income", stat="median",
         where=[("education", "==", "PhD"), ("marital_status", "==", "Divorced")]),
    case("how much have the affluent fruit and sweets lovers spent on wine altogether, "
         "added up?", kind="aggregate", measure="spend_wines", stat="sum", personas=[4]),
    case("how many of the budget-conscious young families have at least one teenager living "
         "at home?", kind="aggregate", measure="customers", stat="count", personas=[0],
         where=[("teenhome", ">=", 1)]),
    case("what percentage of all our customers have never said yes to any of the five older "
         "campaigns?", kind="aggregate", measure="customers", stat="share",
         where=[("campaigns_accepted", "==", 0)]),
    case("whats the response rate for people with more than seven website visits a month",
         kind="aggregate", measure="response", stat="rate",
         where=[("web_visits_month", ">", 7)]),
    case("average spend on gold for customers aged between forty and sixty?",
         kind="aggregate", measure="spend_gold", stat="mean",
         where=[("age", "between", (40, 60))]),
    case("for the customers who did NOT respond to the last campaign, how many days has it been "
         "since they last bought, on average?", kind="aggregate", measure="recency_days",
         stat="mean", where=[("response", "==", 0)]),
    case("average number of in-store purchases for everyone except the widowed customers",
         kind="aggregate", measure="purchases_store", stat="mean",
         where=[("marital_status", "!=", "Widow")]),
    case("of the customers with no kids, what share bought in store more than ten times?",
         kind="aggregate", measure="customers", stat="share",
         where=[("purchases_store", ">", 10)], within=[("children", "==", 0)]),
    case("among the married customers, what proportion have a Master's degree?",
         kind="aggregate", measure="customers", stat="share",
         where=[("education", "==", "Master")], within=[("marital_status", "==", "Married")]),
    case("how many customers bought something on a deal more than a dozen times?",
         kind="aggregate", measure="customers", stat="count",
         where=[("purchases_deals", ">", 12)]),

    # -- demo model: breakdowns --------------------------------------------------------------
    case("can you show me a chart of the average income for each group", kind="aggregate",
         measure="income", stat="mean", by=["persona"], show="chart"),
    case("how does fish spending look when you split it by education? averages are fine",
         kind="aggregate", measure="spend_fish", stat="mean", by=["education"]),
    case("how many customers do we have in each marital status?", kind="aggregate",
         measure="customers", stat="count", by=["marital_status"]),
    case("how are the frugal families doing on web purchases?", kind="aggregate",
         measure="purchases_web", stat="mean", personas=[3]),

    # -- demo model: rankings and comparisons ------------------------------------------------
    case("which three groups spend the least on sweets?", kind="rank", measure="spend_sweets",
         order="asc", top=3),
    case("can you rank the groups by their median income, highest first", kind="rank",
         measure="income", stat="median", order="desc"),
    case("which group has the biggest share of PhDs", kind="rank", measure="customers",
         stat="share", where=[("education", "==", "PhD")], order="desc", top=1),
    case("looking only at customers over fifty, which two groups have the lowest total spend?",
         kind="rank", measure="total_spend", where=[("age", ">", 50)], order="asc", top=2),
    case("how do the frugal families compare with the deal-seeking families on income and on "
         "deal purchases", kind="compare", personas=[3, 2],
         measures=["income", "purchases_deals"]),
    case("people with kids versus people without — how do they compare on wine spend?",
         kind="compare", groups=[[("children", ">", 0)], [("children", "==", 0)]],
         measures=["spend_wines"]),

    # -- demo model: declines ----------------------------------------------------------------
    case("what's the average wine spend of customers who are vegetarian and over forty?",
         kind="decline"),
    case("what's the standard deviation of wine spending across all customers", kind="decline"),
    case("is there a correlation between income and how much people spend on meat?",
         kind="decline"),
    case("what's the 90th percentile of income?", kind="decline"),
    case("can you forecast what the affluent fruit and sweets lovers will spend next quarter",
         kind="decline"),
    case("why do the frugal families spend so little, what's causing it?", kind="decline"),
    case("how are the customers in the North region doing on spending?", kind="decline"),
    case("can you give me a list of the customers who complained, with their IDs, so I can ring "
         "them", kind="decline"),
    case("how has the average spend changed month by month over the last year?",
         kind="decline"),

    # -- mall model: describe, ideas, drafts, assign, target ---------------------------------
    case("what are the high-income low-spenders like? I keep seeing that name in the deck",
         M, kind="describe", personas=[1]),
    case("got any promo ideas for the young high-spenders? we've a spring event coming up",
         M, kind="campaign", personas=[3]),
    case("could you write a short text message to the older low-spenders about our pensioners' "
         "discount morning", M, kind="draft", personas=[2]),
    case("a shopper who's fifty-two, makes around forty thousand a year and has a spending score "
         "of thirty — which group are they in?", M, kind="assign",
         attributes={"age": 52, "annual_income_k": 40, "spending_score_1_100": 30}),
    case("we're opening a designer handbag concession, which group should we chase?", M,
         kind="target"),

    # -- mall model: aggregates --------------------------------------------------------------
    case("whats the average spending score for the women?", M, kind="aggregate",
         measure="spending_score_1_100", stat="mean", where=[("gender", "==", "Female")]),
    case("how many customers are between twenty-five and thirty-five years old", M,
         kind="aggregate", measure="customers", stat="count",
         where=[("age", "between", (25, 35))]),
    case("what's the median yearly income for the men over forty?", M, kind="aggregate",
         measure="annual_income_k", stat="median",
         where=[("gender", "==", "Male"), ("age", ">", 40)]),
    case("what percentage of customers have a spending score above eighty", M,
         kind="aggregate", measure="customers", stat="share",
         where=[("spending_score_1_100", ">", 80)]),
    case("out of the male customers, what percent earn more than 70k a year?", M,
         kind="aggregate", measure="customers", stat="share",
         where=[("annual_income_k", ">", 70)], within=[("gender", "==", "Male")]),
    case("among customers under thirty, what share are women?", M, kind="aggregate",
         measure="customers", stat="share", where=[("gender", "==", "Female")],
         within=[("age", "<", 30)]),
    case("what's the average age of everyone except the young high-spenders?", M,
         kind="aggregate", measure="age", stat="mean", personas=[0, 1, 2]),
    case("break down the average spending score by gender please", M, kind="aggregate",
         measure="spending_score_1_100", stat="mean", by=["gender"]),
    case("whats the avrage age in each group", M, kind="aggregate", measure="age", stat="mean",
         by=["persona"]),
    case("can I get a table of the median income per group", M, kind="aggregate",
         measure="annual_income_k", stat="median", by=["persona"], show="table"),
    case("how many women are there in the older low-spenders group?", M, kind="aggregate",
         measure="customers", stat="count", personas=[2], where=[("gender", "==", "Female")]),
    case("what percentage of the mostly female customers group is actually female?", M,
         kind="aggregate", measure="customers", stat="share", personas=[0],
         where=[("gender", "==", "Female")]),
    case("how are the high-income low-spenders doing on spending score?", M, kind="aggregate",
         measure="spending_score_1_100", stat="mean", personas=[1]),
    case("what's the combined yearly income of all the young high-spenders, added together?",
         M, kind="aggregate", measure="annual_income_k", stat="sum", personas=[3]),

    # -- mall model: rankings and comparisons ------------------------------------------------
    case("which two groups have the lowest average income", M, kind="rank",
         measure="annual_income_k", order="asc", top=2),
    case("which group has the highest share of men?", M, kind="rank", measure="customers",
         stat="share", where=[("gender", "==", "Male")], order="desc", top=1),
    case("rank the groups by median spending score, lowest first", M, kind="rank",
         measure="spending_score_1_100", stat="median", order="asc"),
    case("how do the young high-spenders stack up against the older low-spenders?", M,
         kind="compare", personas=[3, 2]),
    case("compare customers over forty with customers under thirty on spending score", M,
         kind="compare", groups=[[("age", ">", 40)], [("age", "<", 30)]],
         measures=["spending_score_1_100"]),

    # -- mall model: declines ----------------------------------------------------------------
    case("on average how many kids do the mostly female customers have?", M, kind="decline"),
    case("what do the young high-spenders spend on wine?", M, kind="decline"),
    case("which group responded best to our last email campaign", M, kind="decline"),
    case("how has the average spending score changed since last year?", M, kind="decline"),
    case("what's the spending score of customer number 17", M, kind="decline"),
    case("who's the oldest customer we've got, and how old are they?", M, kind="decline"),

    # -- shop model: describe, ideas, drafts, assign, target ---------------------------------
    case("quick one — who are the people in group 0?", S, kind="describe", personas=[0]),
    case("any campaign ideas to get the older high-income customers spending more with us?", S,
         kind="campaign", personas=[1]),
    case("please draft a thank-you email to the frequent high-spenders", S, kind="draft",
         personas=[2]),
    case("a 28 year old earning twenty-seven thousand, who's spent about 350 with us and comes "
         "in twice a month — which group is that?", S, kind="assign",
         attributes={"age": 28, "annual_income": 27000, "total_spend": 350,
                     "visits_per_month": 2}),
    case("which group should get our new premium membership offer?", S, kind="target"),

    # -- shop model: aggregates --------------------------------------------------------------
    case("what's the average spend of customers in the South", S, kind="aggregate",
         measure="total_spend", stat="mean", where=[("region", "==", "South")]),
    case("how many customers come in more than five times a month?", S, kind="aggregate",
         measure="customers", stat="count", where=[("visits_per_month", ">", 5)]),
    case("what's the median income of customers outside the North?", S, kind="aggregate",
         measure="annual_income", stat="median", where=[("region", "!=", "North")]),
    case("how much have the frequent high-spenders in the West spent in total, all added "
         "together?", S, kind="aggregate", measure="total_spend", stat="sum", personas=[2],
         where=[("region", "==", "West")]),
    case("of the customers in the East, what share are over sixty?", S, kind="aggregate",
         measure="customers", stat="share", where=[("age", ">", 60)],
         within=[("region", "==", "East")]),
    case("among people who visit at least four times a month, what percentage are from the "
         "South?", S, kind="aggregate", measure="customers", stat="share",
         where=[("region", "==", "South")], within=[("visits_per_month", ">=", 4)]),
    case("how many customers have we got in each region", S, kind="aggregate",
         measure="customers", stat="count", by=["region"]),
    case("what does the average income look like by region?", S, kind="aggregate",
         measure="annual_income", stat="mean", by=["region"]),
    case("median spend for each group please", S, kind="aggregate", measure="total_spend",
         stat="median", by=["persona"]),
    case("average visits per month for customers aged thirty to fifty", S, kind="aggregate",
         measure="visits_per_month", stat="mean", where=[("age", "between", (30, 50))]),
    case("how many of the young low-income low-spenders earn over thirty thousand?", S,
         kind="aggregate", measure="customers", stat="count", personas=[0],
         where=[("annual_income", ">", 30000)]),
    case("what share of customers have a total spend under 500", S, kind="aggregate",
         measure="customers", stat="share", where=[("total_spend", "<", 500)]),
    case("how are the older high-income customers doing income-wise, on average?", S,
         kind="aggregate", measure="annual_income", stat="mean", personas=[1]),

    # -- shop model: rankings and comparisons ------------------------------------------------
    case("which group spends the least?", S, kind="rank", measure="total_spend", order="asc",
         top=1),
    case("top two groups by how often they come in", S, kind="rank",
         measure="visits_per_month", order="desc", top=2),
    case("which group has the highest share of customers from the East", S, kind="rank",
         measure="customers", stat="share", where=[("region", "==", "East")], order="desc",
         top=1),
    case("rank the groups by median income from lowest to highest", S, kind="rank",
         measure="annual_income", stat="median", order="asc"),
    case("compare the older high-income customers with the frequent high-spenders on spend and "
         "visits", S, kind="compare", personas=[1, 2],
         measures=["total_spend", "visits_per_month"]),
    case("how do customers under thirty compare with customers over sixty on income?", S,
         kind="compare", groups=[[("age", "<", 30)], [("age", ">", 60)]],
         measures=["annual_income"]),

    # -- shop model: declines ----------------------------------------------------------------
    case("what's the gender split in each group?", S, kind="decline"),
    case("how much did the frequent high-spenders spend last month", S, kind="decline"),
    case("what will our total spend be next year?", S, kind="decline"),
    case("can you list every customer in the West with their Kunden-ID", S, kind="decline"),
    case("what's the 25th percentile of income", S, kind="decline"),
    case("what's the lowest income of any one customer we have?", S, kind="decline"),
]
# fmt: on
