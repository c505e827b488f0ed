"""The sixth dev part of the question bank: voices not covered by the earlier parts - a
regional sales manager's long, hedged run-on questions ("I was wondering if maybe you could
tell me roughly..."), a CEO's three-to-five-word questions (only where one reading is
defensible), questions that put the metric last ("among the gourmets, what is the median of
total spend?"), questions with two or three numbers on different metrics, comparisons between
personas phrased as comparatives ("are the gourmets older than ...?" is a compare), persona
questions with a filter ("how many of the frugal families are widowed?") - and questions that
must be declined (maxima, standard deviations, correlations, trends, forecasts, causal
what-ifs, columns the table lacks; "growth" for a persona's size over time), written from the
spec only, used to tune the reader's rules and training phrasings.

Demo persona ids: 0 Budget-Conscious Young Families, 1 Comfortable Parents of Teens,
2 Deal-Seeking Families, 3 Frugal Families, 4 Affluent Fruit & Sweets Lovers,
5 Campaign-Responsive Meat & Fish Gourmets. Mall persona ids: 0 Mostly Female Customers,
1 High-Income Low-Spenders, 2 Older Low-Spenders, 3 Young High-Spenders.

Ranked facts relied on: demo 0 is the youngest persona; mall 1 is the richest persona.

Demo metric keys: income, age, children, kidhome, teenhome, recency_days (days since the last
purchase), tenure_days (days since enrolment), total_spend (two-year spend), spend_wines,
spend_fruits, spend_meat, spend_fish, spend_sweets, spend_gold, purchases_web,
purchases_catalog, purchases_store, purchases_deals, total_purchases, web_visits_month,
campaigns_accepted (of the five past campaigns); yes/no keys response (the last campaign) and
complain (in the last two years); dimensions education, education_level, marital_status,
partner. Mall metric keys: age, annual_income_k (thousands), spending_score_1_100; dimension
gender. "Kids" and "children" are children (small children and teenagers); "aged 30 to 50"
is between 30 and 50 inclusive.
"""

from tests._reading import case

__all__ = ["CASES"]

M = "mall"

# fmt: off
CASES = [
    # -- demo: a regional sales manager's hedged run-on questions -----------------------------
    case("I was wondering if maybe you could tell me roughly how many of our customers are "
         "married and have at least one teenager living at home, if that's not too much "
         "trouble", kind="aggregate", measure="customers", stat="count",
         where=[("marital_status", "==", "Married"), ("teenhome", ">=", 1)]),
    case("so I've been looking at the numbers for my region and I was just wondering, if it's "
         "possible, what the average income is, more or less, for the frugal families, just "
         "a ballpark is fine", kind="aggregate", measure="income", stat="mean", personas=[3]),
    case("I'm not totally sure this is the right place to ask but could you maybe give me a "
         "rough idea of the median total spend for customers who have complained in the last "
         "two years, because my team keeps asking me", kind="aggregate",
         measure="total_spend", stat="median", where=[("complain", "==", 1)]),
    case("sorry if this is a silly question but I was hoping you could perhaps rank the "
         "personas by how much they spend on fish on average, from the most to the least, I "
         "think that would really help me with my quarterly review", kind="rank",
         measure="spend_fish", order="desc"),
    case("I was wondering if you could possibly tell me, roughly speaking, what share of our "
         "customers have a PhD, because I have a feeling it's quite a lot but I'm honestly "
         "not sure", kind="aggregate", measure="customers", stat="share",
         where=[("education", "==", "PhD")]),
    case("it would be really helpful if you could maybe break down the average number of "
         "store purchases by marital status for me, I don't need anything fancy, a table "
         "would probably be fine", kind="aggregate", measure="purchases_store", stat="mean",
         by=["marital_status"], show="table"),
    case("I might be wrong about this but I think the gourmets and the comfortable parents "
         "are pretty similar on wine spend, could you perhaps compare the two of them on "
         "that, roughly", kind="compare", personas=[5, 1], measures=["spend_wines"]),
    case("just wondering, and no rush at all, whether you could tell me approximately how "
         "many customers under 40 have spent more than 500 on meat, it's for a conversation "
         "I'm having with a supplier next week", kind="aggregate", measure="customers",
         stat="count", where=[("age", "<", 40), ("spend_meat", ">", 500)]),
    case("I was hoping to find out, if it's at all possible, which persona has the highest "
         "average number of deal purchases among customers earning under 40k, roughly "
         "speaking", kind="rank", measure="purchases_deals", order="desc", top=1,
         where=[("income", "<", 40000)]),
    case("I was wondering, if it's not too much bother, which persona a customer of 52 with "
         "a Master's, married, one teenager at home and an income of 68k would most likely "
         "belong to", kind="assign",
         attributes={"age": 52, "education": "Master", "marital_status": "Married",
                     "teenhome": 1, "income": 68000}),
    # -- demo: a CEO's three-to-five-word questions -------------------------------------------
    case("gourmets: response rate?", kind="aggregate", measure="response", stat="rate",
         personas=[5]),
    case("wine promo: which segment?", kind="target", measure="spend_wines"),
    case("longest-tenured segment?", kind="loyalty"),
    case("churn risk: who?", kind="churn"),
    case("coupon push: which persona?", kind="price_sensitivity"),
    case("deal seekers vs gourmets: income?", kind="compare", personas=[2, 5],
         measures=["income"]),
    case("PhDs: how many?", kind="aggregate", measure="customers", stat="count",
         where=[("education", "==", "PhD")]),
    # persona 0 is the youngest
    case("youngest persona's average income?", kind="aggregate", measure="income",
         stat="mean", personas=[0]),
    case("persona 4: who?", kind="describe", personas=[4]),
    # -- demo: the metric last ----------------------------------------------------------------
    case("among the gourmets, what is the median of total spend?", kind="aggregate",
         measure="total_spend", stat="median", personas=[5]),
    case("for divorced customers over 50, what is the average of recency in days?",
         kind="aggregate", measure="recency_days", stat="mean",
         where=[("marital_status", "==", "Divorced"), ("age", ">", 50)]),
    case("across each education level, what's the mean of web purchases?", kind="aggregate",
         measure="purchases_web", stat="mean", by=["education_level"]),
    case("within the deal-seeking families, what is the total of gold spend?",
         kind="aggregate", measure="spend_gold", stat="sum", personas=[2]),
    case("for customers with no children at home, what's the median of tenure in days?",
         kind="aggregate", measure="tenure_days", stat="median",
         where=[("children", "==", 0)]),
    case("of all the personas, which is lowest on the average of campaigns accepted?",
         kind="rank", measure="campaigns_accepted", order="asc", top=1),
    case("looking at customers who responded to the last campaign, what is the mean of "
         "catalogue purchases?", kind="aggregate", measure="purchases_catalog", stat="mean",
         where=[("response", "==", 1)]),
    # -- demo: two or three numbers on different metrics --------------------------------------
    case("customers older than 45 with income under 40k and fewer than 3 web purchases - how "
         "many?", kind="aggregate", measure="customers", stat="count",
         where=[("age", ">", 45), ("income", "<", 40000), ("purchases_web", "<", 3)]),
    case("customers with more than 2 children and income below 35k, what's their average "
         "deal purchases?", kind="aggregate", measure="purchases_deals", stat="mean",
         where=[("children", ">", 2), ("income", "<", 35000)]),
    case("how many customers have spent over 300 on gold and visit the website at least 5 "
         "times a month?", kind="aggregate", measure="customers", stat="count",
         where=[("spend_gold", ">", 300), ("web_visits_month", ">=", 5)]),
    case("median wine spend of customers whose last purchase was under 20 days ago and who "
         "made more than 8 store purchases", kind="aggregate", measure="spend_wines",
         stat="median", where=[("recency_days", "<", 20), ("purchases_store", ">", 8)]),
    case("number of customers with income over 80k and total spend under 500",
         kind="aggregate", measure="customers", stat="count",
         where=[("income", ">", 80000), ("total_spend", "<", 500)]),
    case("among customers aged 30 to 50 earning more than 60k, average total purchases?",
         kind="aggregate", measure="total_purchases", stat="mean",
         where=[("age", "between", (30, 50)), ("income", ">", 60000)]),
    # -- demo: comparatives between personas --------------------------------------------------
    case("do the young families spend less on wine than the frugal families?",
         kind="compare", personas=[0, 3], measures=["spend_wines"]),
    case("are the gourmets older than the fruit & sweets lovers?", kind="compare",
         personas=[5, 4], measures=["age"]),
    case("do the comfortable parents buy online more often than the deal seekers?",
         kind="compare", personas=[1, 2], measures=["purchases_web"]),
    case("is persona 2 more likely to have complained than persona 3?", kind="compare",
         personas=[2, 3], measures=["complain"]),
    case("do the fruit & sweets lovers visit our website less than the young families?",
         kind="compare", personas=[4, 0], measures=["web_visits_month"]),
    case("have the gourmets been customers for longer than the frugal families, in days "
         "since enrolment?", kind="compare", personas=[5, 3], measures=["tenure_days"]),
    # -- demo: a persona with a filter --------------------------------------------------------
    case("how many of the frugal families are widowed?", kind="aggregate",
         measure="customers", stat="count", where=[("marital_status", "==", "Widow")],
         personas=[3]),
    case("how many of the gourmets have a PhD?", kind="aggregate", measure="customers",
         stat="count", where=[("education", "==", "PhD")], personas=[5]),
    case("average income of the comfortable parents who are single", kind="aggregate",
         measure="income", stat="mean", where=[("marital_status", "==", "Single")],
         personas=[1]),
    case("what share of the young families live with a partner?", kind="aggregate",
         measure="customers", stat="share", where=[("partner", "==", "Yes")], personas=[0]),
    case("how many of the fruit & sweets lovers have no kids at home?", kind="aggregate",
         measure="customers", stat="count", where=[("children", "==", 0)], personas=[4]),
    case("among the frugal families, how many responded to the last campaign?",
         kind="aggregate", measure="customers", stat="count", where=[("response", "==", 1)],
         personas=[3]),
    # -- demo: decline ------------------------------------------------------------------------
    case("I was wondering if maybe you could tell me roughly how much each persona spends per "
         "visit to the stores in my region, just a ballpark, because I think that would help "
         "with staffing", kind="decline"),
    case("I was just wondering if you could maybe show me how the gourmets' wine spend has "
         "changed month by month over the last year, if that's at all possible",
         kind="decline"),
    case("loyalty card holders: how many?", kind="decline"),
    case("gourmets' maximum income?", kind="decline"),
    case("revenue forecast next year?", kind="decline"),
    case("among the deal seekers, what is the standard deviation of income?", kind="decline"),
    case("how many customers under 30 with income above 40k live in London?",
         kind="decline"),
    case("do the frugal families spend less on wine than they did last year?",
         kind="decline"),
    case("would the deal seekers buy more if we cut our prices by 10%?", kind="decline"),
    case("is the young families segment getting bigger, and roughly by how much, I was just "
         "wondering because my region seems to have more of them lately", kind="growth"),
    case("gourmets growing?", kind="growth"),
    # -- mall: hedged run-on questions --------------------------------------------------------
    case("I was wondering if maybe you could tell me roughly what the average spending score "
         "is for women over 40, just so I have a figure in mind before the meeting", M,
         kind="aggregate", measure="spending_score_1_100", stat="mean",
         where=[("gender", "==", "Female"), ("age", ">", 40)]),
    case("I'm not sure if this makes sense but could you perhaps compare the older "
         "low-spenders and the mostly female customers on annual income, more or less", M,
         kind="compare", personas=[2, 0], measures=["annual_income_k"]),
    case("if it isn't too much trouble, could you maybe count how many men we have who earn "
         "more than 70k but have a spending score under 40", M, kind="aggregate",
         measure="customers", stat="count",
         where=[("gender", "==", "Male"), ("annual_income_k", ">", 70),
                ("spending_score_1_100", "<", 40)]),
    # -- mall: short questions ----------------------------------------------------------------
    case("richest persona?", M, kind="rank", measure="annual_income_k", order="desc", top=1),
    case("men: how many?", M, kind="aggregate", measure="customers", stat="count",
         where=[("gender", "==", "Male")]),
    case("persona 3: who?", M, kind="describe", personas=[3]),
    case("mall segments, sizes?", M, kind="list"),
    # -- mall: the metric last ----------------------------------------------------------------
    case("among the young high-spenders, what is the median of annual income?", M,
         kind="aggregate", measure="annual_income_k", stat="median", personas=[3]),
    case("for shoppers over 60, what's the average of the spending score?", M,
         kind="aggregate", measure="spending_score_1_100", stat="mean",
         where=[("age", ">", 60)]),
    case("for each persona, what is the total of annual income?", M, kind="aggregate",
         measure="annual_income_k", stat="sum", by=["persona"]),
    case("among women aged under 30, what's the mean of annual income?", M,
         kind="aggregate", measure="annual_income_k", stat="mean",
         where=[("gender", "==", "Female"), ("age", "<", 30)]),
    # -- mall: numbers on different metrics ---------------------------------------------------
    case("shoppers aged under 30 with income above 60k and spending score over 50 - how "
         "many?", M, kind="aggregate", measure="customers", stat="count",
         where=[("age", "<", 30), ("annual_income_k", ">", 60),
                ("spending_score_1_100", ">", 50)]),
    case("average age of shoppers earning under 40k with a spending score above 60", M,
         kind="aggregate", measure="age", stat="mean",
         where=[("annual_income_k", "<", 40), ("spending_score_1_100", ">", 60)]),
    case("median spending score for shoppers aged 35-50 earning at least 70k", M,
         kind="aggregate", measure="spending_score_1_100", stat="median",
         where=[("age", "between", (35, 50)), ("annual_income_k", ">=", 70)]),
    # -- mall: comparatives between personas --------------------------------------------------
    case("do the high-income low-spenders earn more than the young high-spenders?", M,
         kind="compare", personas=[1, 3], measures=["annual_income_k"]),
    case("do the young high-spenders score higher than persona 0?", M, kind="compare",
         personas=[3, 0], measures=["spending_score_1_100"]),
    # -- mall: a persona with a filter --------------------------------------------------------
    case("how many of the older low-spenders are women?", M, kind="aggregate",
         measure="customers", stat="count", where=[("gender", "==", "Female")],
         personas=[2]),
    case("what share of the young high-spenders earn over 70k?", M, kind="aggregate",
         measure="customers", stat="share", where=[("annual_income_k", ">", 70)],
         personas=[3]),
    case("mean age of the men in the mostly female group", M, kind="aggregate",
         measure="age", stat="mean", where=[("gender", "==", "Male")], personas=[0]),
    case("how many of the high-income low-spenders are under 35?", M, kind="aggregate",
         measure="customers", stat="count", where=[("age", "<", 35)], personas=[1]),
    case("among men, which persona is highest on the average of spending score?", M,
         kind="rank", measure="spending_score_1_100", order="desc", top=1,
         where=[("gender", "==", "Male")]),
    # -- mall: decline ------------------------------------------------------------------------
    case("avg spend per visit by gender?", M, kind="decline"),
    case("I was wondering if maybe you could tell me roughly which day of the week the young "
         "high-spenders tend to come in, if you have that at all", M, kind="decline"),
    case("among the women, what is the maximum of the spending score?", M, kind="decline"),
    case("older low-spenders: shrinking?", M, kind="growth"),
]
# fmt: on
