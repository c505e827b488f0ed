"""Dev bank part 8: a CRM / campaign planner preparing next quarter's campaigns.

Voice: full sentences in business jargon, often with context before the ask ("We're planning a
premium fruit box. Which persona ..."), KPIs named the way planners name them ("penetration" =
share, "reach" = count of customers; AOV and basket size are not in the data and are declined),
shares of a sub-group (where = the condition counted, within = the base), filtered groups
compared, ranks with a filter, drafts and campaign ideas for a persona, described customers to
assign, and about twenty questions that must be declined (ROI, AOV, conversion by channel,
forecasts, trends over time, lifetime value predictions, single customers, row-level lists,
columns the table lacks). Written from the spec only (tests/_reading.py `case` format), without
running the reader, and used to tune the reader.

Persona ids relied on.
demo: 0 Budget-Conscious Young Families (largest, youngest, lowest income), 1 Comfortable
Parents of Teens, 2 Deal-Seeking Families (most deal purchases), 3 Frugal Families (oldest,
lowest total spend), 4 Affluent Fruit & Sweets Lovers (richest, highest total spend, most
wine), 5 Campaign-Responsive Meat & Fish Gourmets (smallest, highest response rate, most meat).
mall: 0 Mostly Female Customers, 1 High-Income Low-Spenders (richest, lowest spending score),
2 Older Low-Spenders (oldest), 3 Young High-Spenders (youngest, highest spending score).
No expected reading depends on a ranked fact: ranks are checked by measure, order, top, where.

Metric keys.
demo: income, age, children, kidhome, teenhome, recency_days, tenure_days, total_spend,
spend_wines, spend_fruits, spend_meat, spend_fish, spend_sweets, spend_gold, purchases_web,
purchases_catalog, purchases_store, purchases_deals, total_purchases, web_visits_month,
campaigns_accepted; yes/no response, complain; dimensions education, education_level,
marital_status, partner.
mall: age, annual_income_k, spending_score_1_100; dimension gender.
"""

from tests._reading import case

__all__ = ["CASES"]

M = "mall"

# fmt: off
CASES = [
    # ---- demo: list / help / describe --------------------------------------------------------
    case("Before we lock next quarter's plan, which customer segments do we have on file?",
         kind="list"),
    case("Hi! I'm putting together next quarter's campaign calendar. What can you do for me?",
         kind="help"),
    case("We're writing the Q4 brief for the Deal-Seeking Families. Can you give me a profile "
         "of that segment?", kind="describe", personas=[2]),
    case("Before we brief the agency, summarise the Frugal Families persona for me.",
         kind="describe", personas=[3]),

    # ---- demo: campaign ideas -----------------------------------------------------------------
    case("We're planning the holiday season. What campaign ideas would work for the Affluent "
         "Fruit & Sweets Lovers?", kind="campaign", personas=[4]),
    case("Give me three campaign ideas to re-engage the Comfortable Parents of Teens next "
         "quarter.", kind="campaign", personas=[1]),
    case("What kind of campaign should we run for the Budget-Conscious Young Families this "
         "autumn?", kind="campaign", personas=[0]),

    # ---- demo: drafts -------------------------------------------------------------------------
    case("Draft an email subject line for the autumn wine push aimed at the Affluent Fruit & "
         "Sweets Lovers.", kind="draft", personas=[4]),
    case("Write a short promotional email for the Deal-Seeking Families announcing our "
         "two-for-one weekend.", kind="draft", personas=[2]),
    case("Write three subject lines for a back-to-school mailing to the Budget-Conscious Young "
         "Families.", kind="draft", personas=[0]),

    # ---- demo: assign -------------------------------------------------------------------------
    case("A new loyalty member just signed up: 34 years old, income of 52,000, two kids. "
         "Which persona does she fit?", kind="assign",
         attributes={"age": 34, "income": 52000, "children": 2}),
    case("Which segment would a 61-year-old customer with an income of 38,000 and no children "
         "fall into?", kind="assign", attributes={"age": 61, "income": 38000, "children": 0}),
    case("Where would we place a customer earning 85,000 who spent 1,500 on wine over the two "
         "years?", kind="assign", attributes={"income": 85000, "spend_wines": 1500}),

    # ---- demo: target / purposes / growth -----------------------------------------------------
    case("Which segment should we prioritise for the autumn wine push?",
         kind="target", measure="spend_wines"),
    case("We're planning a premium fruit box. Which persona should we go after?",
         kind="target", measure="spend_fruits"),
    case("We're launching a new butcher's counter meat range next quarter. Who's the best "
         "audience for it?", kind="target", measure="spend_meat"),
    case("We're launching a seafood subscription. Which persona should we lead with?",
         kind="target", measure="spend_fish"),
    case("Which of our segments is the most price-sensitive?", kind="price_sensitivity"),
    case("Who are our most loyal customers by tenure?", kind="loyalty"),
    case("Which cohort is at risk of lapsing?", kind="churn"),
    case("For the win-back programme, which segment is most likely to churn?", kind="churn"),
    case("Are the gourmets growing?", kind="growth"),
    case("Is the Deal-Seeking Families segment getting bigger or shrinking?", kind="growth"),

    # ---- demo: aggregates ---------------------------------------------------------------------
    case("What's the penetration of PhDs within the married base?",
         kind="aggregate", measure="customers", stat="share",
         where=[("education", "==", "PhD")], within=[("marital_status", "==", "Married")]),
    case("Among customers with children, what's the penetration of graduates?",
         kind="aggregate", measure="customers", stat="share",
         where=[("education", "==", "Graduation")], within=[("children", ">", 0)]),
    case("What's the penetration of widows within customers aged 65 and over?",
         kind="aggregate", measure="customers", stat="share",
         where=[("marital_status", "==", "Widow")], within=[("age", ">=", 65)]),
    case("What share of our whole customer base is divorced?",
         kind="aggregate", measure="customers", stat="share",
         where=[("marital_status", "==", "Divorced")]),
    case("What's the reach of the Deal-Seeking Families? How many customers are in it?",
         kind="aggregate", measure="customers", stat="count", personas=[2]),
    case("For the premium tier pricing, what's the average household income of the Affluent "
         "Fruit & Sweets Lovers?", kind="aggregate", measure="income", stat="mean",
         personas=[4]),
    case("What was the response rate to the last campaign among customers who accepted at "
         "least one of the earlier campaigns?", kind="aggregate", measure="response",
         stat="rate", where=[("campaigns_accepted", ">=", 1)]),
    case("What's the complaint rate among customers with three or more children?",
         kind="aggregate", measure="complain", stat="rate", where=[("children", ">=", 3)]),
    case("How many of the Frugal Families have made more than 5 deal purchases?",
         kind="aggregate", measure="customers", stat="count", personas=[3],
         where=[("purchases_deals", ">", 5)]),
    case("What's the median two-year spend of customers with an income above 70,000?",
         kind="aggregate", measure="total_spend", stat="median",
         where=[("income", ">", 70000)]),
    case("Break down average wine spend by marital status.",
         kind="aggregate", measure="spend_wines", stat="mean", by=["marital_status"]),
    case("What's the total wine revenue from the Affluent Fruit & Sweets Lovers over the two "
         "years?", kind="aggregate", measure="spend_wines", stat="sum", personas=[4]),
    case("Chart the average two-year spend by persona.",
         kind="aggregate", measure="total_spend", stat="mean", by=["persona"], show="chart"),
    case("What's the average number of web visits per month for customers aged 30 to 50?",
         kind="aggregate", measure="web_visits_month", stat="mean",
         where=[("age", "between", (30, 50))]),
    case("How many customers with a Master's degree spent over 1,000 on wine?",
         kind="aggregate", measure="customers", stat="count",
         where=[("education", "==", "Master"), ("spend_wines", ">", 1000)]),
    case("Give me a table of the average number of past campaigns accepted, broken down by "
         "education.", kind="aggregate", measure="campaigns_accepted", stat="mean",
         by=["education"], show="table"),

    # ---- demo: ranks --------------------------------------------------------------------------
    case("Which persona has the highest share of PhDs?",
         kind="rank", measure="customers", stat="share",
         where=[("education", "==", "PhD")], order="desc", top=1),
    case("Which two personas have the highest share of married customers?",
         kind="rank", measure="customers", stat="share",
         where=[("marital_status", "==", "Married")], order="desc", top=2),
    case("Rank the segments by average web visits per month, lowest first.",
         kind="rank", measure="web_visits_month", order="asc"),
    case("Which persona has the highest response rate to the last campaign?",
         kind="rank", measure="response", stat="rate", order="desc", top=1),
    case("Among customers with an income above 60,000, which persona spends the most on fish "
         "on average?", kind="rank", measure="spend_fish", order="desc", top=1,
         where=[("income", ">", 60000)]),
    case("Among customers under 40, which segment buys the most sweets on average?",
         kind="rank", measure="spend_sweets", order="desc", top=1, where=[("age", "<", 40)]),
    case("Top 3 segments by combined catalogue purchases across all their customers.",
         kind="rank", measure="purchases_catalog", stat="sum", order="desc", top=3),

    # ---- demo: compares -----------------------------------------------------------------------
    case("Compare customers with kids vs without on wine spend.",
         kind="compare", groups=[[("children", ">", 0)], [("children", "==", 0)]],
         measures=["spend_wines"]),
    case("How do the Deal-Seeking Families stack up against the Frugal Families on deal "
         "purchases and web purchases?", kind="compare", personas=[2, 3],
         measures=["purchases_deals", "purchases_web"]),
    case("Compare PhD holders with graduates on average income.",
         kind="compare",
         groups=[[("education", "==", "PhD")], [("education", "==", "Graduation")]],
         measures=["income"]),
    case("Side by side, how do the Affluent Fruit & Sweets Lovers and the Meat & Fish "
         "Gourmets differ?", kind="compare", personas=[4, 5]),
    case("Compare customers who responded to the last campaign with those who didn't on "
         "two-year spend.", kind="compare",
         groups=[[("response", "==", 1)], [("response", "==", 0)]],
         measures=["total_spend"]),

    # ---- demo: declines -----------------------------------------------------------------------
    case("What was the ROI of our last campaign?", kind="decline"),
    case("What's the AOV for the Affluent Fruit & Sweets Lovers?", kind="decline"),
    case("What's the average basket size of the Deal-Seeking Families?", kind="decline"),
    case("What's our conversion rate by channel, web vs store vs catalogue?", kind="decline"),
    case("Forecast next quarter's wine revenue from the Affluent Fruit & Sweets Lovers.",
         kind="decline"),
    case("How has meat spend trended month over month this year?", kind="decline"),
    case("Predict the customer lifetime value of the Comfortable Parents of Teens.",
         kind="decline"),
    case("Which individual customer spent the most on wine?", kind="decline"),
    case("What's the gender split of the Frugal Families?", kind="decline"),
    case("Which segment should we prioritise for the autumn wine push in the North region?",
         kind="decline"),
    case("Pull the email addresses of the Deal-Seeking Families for the mailing.",
         kind="decline"),

    # ---- mall: list / describe / campaign / draft ---------------------------------------------
    case("We've loaded the mall data. Which personas does it have?", M, kind="list"),
    case("Profile the Young High-Spenders for the leasing team.", M,
         kind="describe", personas=[3]),
    case("Give me a summary of the Older Low-Spenders.", M, kind="describe", personas=[2]),
    case("What campaign ideas would get the High-Income Low-Spenders spending more?", M,
         kind="campaign", personas=[1]),
    case("We're planning the summer sale. What campaign would suit the Young High-Spenders?",
         M, kind="campaign", personas=[3]),
    case("Draft a subject line for a VIP evening invitation aimed at the High-Income "
         "Low-Spenders.", M, kind="draft", personas=[1]),
    case("Write a short push notification for the Young High-Spenders about this weekend's "
         "fashion event.", M, kind="draft", personas=[3]),
    case("Draft an email inviting the Older Low-Spenders to our quiet shopping morning.", M,
         kind="draft", personas=[2]),

    # ---- mall: assign / target / growth -------------------------------------------------------
    case("A 27-year-old shopper earning 45k a year with a spending score of 80: which persona "
         "is that?", M, kind="assign",
         attributes={"age": 27, "annual_income_k": 45, "spending_score_1_100": 80}),
    case("Which segment would a 58-year-old with an annual income of 70k and a spending score "
         "of 20 belong to?", M, kind="assign",
         attributes={"age": 58, "annual_income_k": 70, "spending_score_1_100": 20}),
    case("We're opening a luxury boutique in the mall. Which persona should we target?", M,
         kind="target"),
    case("Is the Young High-Spenders segment growing?", M, kind="growth"),

    # ---- mall: aggregates ---------------------------------------------------------------------
    case("What's the average annual income of the Young High-Spenders?", M,
         kind="aggregate", measure="annual_income_k", stat="mean", personas=[3]),
    case("What's the reach of the Mostly Female Customers persona, in customers?", M,
         kind="aggregate", measure="customers", stat="count", personas=[0]),
    case("What's the penetration of women in the Older Low-Spenders?", M,
         kind="aggregate", measure="customers", stat="share",
         where=[("gender", "==", "Female")], personas=[2]),
    case("Among shoppers aged 30 to 50, what's the penetration of men?", M,
         kind="aggregate", measure="customers", stat="share",
         where=[("gender", "==", "Male")], within=[("age", "between", (30, 50))]),
    case("What share of our female shoppers have a spending score above 60?", M,
         kind="aggregate", measure="customers", stat="share",
         where=[("spending_score_1_100", ">", 60)], within=[("gender", "==", "Female")]),
    case("How many shoppers earn more than 80k a year?", M,
         kind="aggregate", measure="customers", stat="count",
         where=[("annual_income_k", ">", 80)]),
    case("What's the median spending score of the High-Income Low-Spenders?", M,
         kind="aggregate", measure="spending_score_1_100", stat="median", personas=[1]),
    case("Break down the average spending score by gender.", M,
         kind="aggregate", measure="spending_score_1_100", stat="mean", by=["gender"]),
    case("Show the average annual income by persona as a table.", M,
         kind="aggregate", measure="annual_income_k", stat="mean", by=["persona"],
         show="table"),
    case("How many male shoppers under 30 are in the Young High-Spenders?", M,
         kind="aggregate", measure="customers", stat="count", personas=[3],
         where=[("gender", "==", "Male"), ("age", "<", 30)]),

    # ---- mall: ranks --------------------------------------------------------------------------
    case("Which persona has the highest average spending score?", M,
         kind="rank", measure="spending_score_1_100", order="desc", top=1),
    case("Rank the mall personas by average age, youngest first.", M,
         kind="rank", measure="age", order="asc"),
    case("Which persona has the highest share of men?", M,
         kind="rank", measure="customers", stat="share",
         where=[("gender", "==", "Male")], order="desc", top=1),
    case("Among shoppers earning over 60k, which segment has the highest average spending "
         "score?", M, kind="rank", measure="spending_score_1_100", order="desc", top=1,
         where=[("annual_income_k", ">", 60)]),
    case("Top 2 personas by median annual income.", M,
         kind="rank", measure="annual_income_k", stat="median", order="desc", top=2),

    # ---- mall: compares -----------------------------------------------------------------------
    case("Compare men and women on spending score.", M,
         kind="compare", groups=[[("gender", "==", "Male")], [("gender", "==", "Female")]],
         measures=["spending_score_1_100"]),
    case("How do the High-Income Low-Spenders compare with the Young High-Spenders on income "
         "and spending score?", M, kind="compare", personas=[1, 3],
         measures=["annual_income_k", "spending_score_1_100"]),
    case("Compare shoppers under 30 with shoppers over 50 on annual income.", M,
         kind="compare", groups=[[("age", "<", 30)], [("age", ">", 50)]],
         measures=["annual_income_k"]),
    case("Compare the Mostly Female Customers and the Older Low-Spenders.", M,
         kind="compare", personas=[0, 2]),

    # ---- mall: declines -----------------------------------------------------------------------
    case("Which mall persona buys the most wine?", M, kind="decline"),
    case("What's the web vs store split of the Young High-Spenders?", M, kind="decline"),
    case("Which segment responded best to our last campaign?", M, kind="decline"),
    case("How many of the Older Low-Spenders have kids?", M, kind="decline"),
    case("What's the complaint rate of the High-Income Low-Spenders?", M, kind="decline"),
    case("How long have the Mostly Female Customers been members with us?", M,
         kind="decline"),
    case("What's the AOV of the Young High-Spenders?", M, kind="decline"),
    case("What's the highest spending score of any single shopper?", M, kind="decline"),
    case("Forecast next quarter's spending score for the Young High-Spenders.", M,
         kind="decline"),
]
# fmt: on
