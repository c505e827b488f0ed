"""Dev part 14 of the chat question bank: a CRM manager preparing next quarter's plan.

Written from the spec only (notes/bank_spec.md, notes/bank_facts.md) by a helper who never saw
the reader's rules or any other bank; used to tune the reader. Voice: a CRM manager asking
across all the marketer intents (targeting a product or offer, price sensitivity, loyalty,
churn, growth, shares, filtered aggregates, cross-tabs, compare, rankings, describe, campaign
ideas, drafts, assign, help and declines), each phrased several ways: questions, imperatives,
fragments, "I need", "pull", typos and abbreviations (avg, %, #, k). 65 cases on the demo
model, 20 on the mall model, 15 on the shop model.

Persona ids relied on (from notes/bank_facts.md):
demo: 0 Budget-Conscious Young Families (largest, youngest, lowest income), 1 Comfortable
Parents of Teens, 2 Deal-Seeking Families (most deal purchases), 3 Frugal Families (oldest,
lowest total spend), 4 Affluent Fruit & Sweets Lovers (richest, highest total spend, most wine),
5 Campaign-Responsive Meat & Fish Gourmets (smallest, highest response rate, most meat).
mall: 0 Mostly Female Customers, 1 High-Income Low-Spenders (richest, lowest spending score),
2 Older Low-Spenders (oldest), 3 Young High-Spenders (youngest, highest spending score).
shop: 0 Young Low-Income Low-Spenders (youngest, lowest income, lowest total spend, mostly
North), 1 Older High-Income Customers (oldest, richest, mostly West), 2 Frequent High-Spenders
(highest total spend, most visits per month, mostly South).

Metric keys relied on:
demo: income, age, children, kidhome, teenhome, recency_days, tenure_days, total_spend,
spend_wines, spend_fruits, spend_meat, spend_fish, spend_sweets, spend_gold, purchases_web,
purchases_catalog, purchases_store, purchases_deals, total_purchases, web_visits_month,
campaigns_accepted; yes/no keys response and complain; dimensions education (Basic, 2n Cycle,
Graduation, Master, PhD), education_level, marital_status (Single, Married, Together,
Divorced, Widow), partner. No region or gender.
mall: age, annual_income_k (thousands), spending_score_1_100; dimension gender (Male, Female).
No children, spend categories, channels, campaigns, complaints, dates, education or marital
status.
shop: age, annual_income, total_spend (no period known), visits_per_month; dimension region
(North, South, West, East). No children, spend categories, channels, campaigns, responses,
complaints, dates, education, marital status or gender.
"""

from tests._reading import case

__all__ = ["CASES"]

M = "mall"
S = "shop"

# fmt: off
CASES = [
    # -- demo: targeting a product or offer ---------------------------------------------------
    case("Which persona should we target for the new wine club launch next quarter?",
         kind="target", measure="spend_wines"),
    case("We're rolling out a premium steak box in Q3 - who do we go after?",
         kind="target", measure="spend_meat"),
    case("best segment for our smoked salmon promo?", kind="target", measure="spend_fish"),
    case("I need a persona to target with a fresh fruit subscription box",
         kind="target", measure="spend_fruits"),
    case("who shld we aim the holiday chocolate offer at", kind="target", measure="spend_sweets"),
    case("Pick the right persona for our gold jewellery promotion",
         kind="target", measure="spend_gold"),
    case("Who should we target with our new spring offer?", kind="target"),

    # -- demo: price sensitivity, loyalty, churn, growth ----------------------------------------
    case("Which persona is the most price-sensitive?", kind="price_sensitivity"),
    case("who are the real bargain hunters among our segments", kind="price_sensitivity"),
    case("I need to know which personas lean hardest on deals before we set the discount "
         "calendar", kind="price_sensitivity"),
    case("wich persona is the most loyal?", kind="loyalty"),
    case("Which segment has been with us the longest?", kind="loyalty"),
    case("loyalty by persona pls", kind="loyalty"),
    case("Which persona is most at risk of churning?", kind="churn"),
    case("what segments carry the highest churn risk going into next qtr?", kind="churn"),
    case("Flag the personas that are going quiet on us", kind="churn"),
    case("Which persona is growing the fastest?", kind="growth"),
    case("Where's our biggest growth opportunity among the personas?", kind="growth"),

    # -- demo: filtered aggregates and shares ---------------------------------------------------
    case("What's the avg income of the Deal-Seeking Families?",
         kind="aggregate", measure="income", stat="mean", personas=[2]),
    case("What % of customers complained in the last 2 yrs?",
         kind="aggregate", measure="complain", stat="rate"),
    case("# of customers with a PhD?",
         kind="aggregate", measure="customers", stat="count",
         where=[("education", "==", "PhD")]),
    case("Median income of married customers",
         kind="aggregate", measure="income", stat="median",
         where=[("marital_status", "==", "Married")]),
    case("Total wine spend across the whole customer base",
         kind="aggregate", measure="spend_wines", stat="sum"),
    case("pull avg total spend for customers earning over 80k",
         kind="aggregate", measure="total_spend", stat="mean",
         where=[("income", ">", 80000)]),
    case("reponse rate among the Frugal Families?",
         kind="aggregate", measure="response", stat="rate", personas=[3]),
    case("What share of single customers have no kids?",
         kind="aggregate", measure="customers", stat="share",
         where=[("children", "==", 0)], within=[("marital_status", "==", "Single")]),
    case("How many of the Affluent Fruit & Sweets Lovers made more than 5 catalog purchases?",
         kind="aggregate", measure="customers", stat="count", personas=[4],
         where=[("purchases_catalog", ">", 5)]),
    case("Avg web visits per month for customers aged 30 to 50",
         kind="aggregate", measure="web_visits_month", stat="mean",
         where=[("age", "between", (30, 50))]),
    case("What's the response rate for customers who haven't bought anything in over 60 days?",
         kind="aggregate", measure="response", stat="rate",
         where=[("recency_days", ">", 60)]),

    # -- demo: cross-tabs -----------------------------------------------------------------------
    case("Give me a breakdown of avg income by persona",
         kind="aggregate", measure="income", stat="mean", by=["persona"]),
    case("response rate by marital status",
         kind="aggregate", measure="response", stat="rate", by=["marital_status"]),
    case("Show me the number of customers per persona as a chart",
         kind="aggregate", measure="customers", stat="count", by=["persona"], show="chart"),
    case("Median total spend by marital status, in a table please",
         kind="aggregate", measure="total_spend", stat="median", by=["marital_status"],
         show="table"),

    # -- demo: differences between personas and groups ------------------------------------------
    case("How do the Deal-Seeking Families differ from the Frugal Families?",
         kind="compare", personas=[2, 3]),
    case("Compare persona 0 and persona 1 on income and age",
         kind="compare", personas=[0, 1], measures=["income", "age"]),
    case("Affluent Fruit & Sweets Lovers vs the Meat & Fish Gourmets - wine and meat spend "
         "side by side", kind="compare", personas=[4, 5],
         measures=["spend_wines", "spend_meat"]),
    case("Compare customers with kids vs customers without kids on total spend",
         kind="compare", groups=[[("children", ">", 0)], [("children", "==", 0)]],
         measures=["total_spend"]),
    case("what's the difference between personas 1 and 3?", kind="compare", personas=[1, 3]),

    # -- demo: rankings -------------------------------------------------------------------------
    case("Which persona has the highest average income?",
         kind="rank", measure="income", order="desc", top=1),
    case("Rank the personas by avg total spend, lowest first",
         kind="rank", measure="total_spend", order="asc"),
    case("Top 3 personas by average fish spend",
         kind="rank", measure="spend_fish", order="desc", top=3),
    case("Which segment has the lowest response rate?",
         kind="rank", measure="response", order="asc", top=1),
    case("which persona has the highest share of PhDs",
         kind="rank", measure="customers", stat="share", where=[("education", "==", "PhD")],
         order="desc", top=1),
    case("Which persona has the highest median income?",
         kind="rank", measure="income", stat="median", order="desc", top=1),

    # -- demo: describe, campaign ideas, drafts -------------------------------------------------
    case("Describe the Frugal Families", kind="describe", personas=[3]),
    case("Tell me about persona 5", kind="describe", personas=[5]),
    case("Campaign ideas for the Budget-Conscious Young Families",
         kind="campaign", personas=[0]),
    case("What campaign should we run for persona 4 next quarter?",
         kind="campaign", personas=[4]),
    case("brainstorm some promo ideas for the Deal-Seeking Families",
         kind="campaign", personas=[2]),
    case("Write a subject line for the Affluent Fruit & Sweets Lovers",
         kind="draft", personas=[4]),
    case("Draft an email to the Frugal Families about our spring sale",
         kind="draft", personas=[3]),
    case("write an sms for persona 0", kind="draft", personas=[0]),
    case("I need a short text message for the Campaign-Responsive Meat & Fish Gourmets",
         kind="draft", personas=[5]),

    # -- demo: assign, help ---------------------------------------------------------------------
    case("Which persona does a 45-year-old with a 60k income and two kids belong to?",
         kind="assign", attributes={"age": 45, "income": 60000, "children": 2}),
    case("New customer: 38, earns $42,000, one teenager at home - which segment is she in?",
         kind="assign", attributes={"age": 38, "income": 42000, "teenhome": 1}),
    case("Hi! What can you help me with?", kind="help"),

    # -- demo: declines -------------------------------------------------------------------------
    case("Show me the income of customer 5524", kind="decline"),
    case("std dev of total spend per persona", kind="decline"),
    case("Is income correlated with wine spend?", kind="decline"),
    case("What's the 90th percentile of income?", kind="decline"),
    case("How has meat spend trended over the past year?", kind="decline"),
    case("Forecast next quarter's response rate for persona 5", kind="decline"),
    case("Why do the Frugal Families spend so little?", kind="decline"),
    case("Which region has the most customers?", kind="decline"),
    case("List the customers in persona 3 with their email addresses", kind="decline"),

    # -- mall -----------------------------------------------------------------------------------
    case("avg annual income of the Young High-Spenders?", M,
         kind="aggregate", measure="annual_income_k", stat="mean", personas=[3]),
    case("What % of our shoppers are female?", M,
         kind="aggregate", measure="customers", stat="share",
         where=[("gender", "==", "Female")]),
    case("Give me a breakdown of the average spending score by gender", M,
         kind="aggregate", measure="spending_score_1_100", stat="mean", by=["gender"]),
    case("How many customers are under 30?", M,
         kind="aggregate", measure="customers", stat="count", where=[("age", "<", 30)]),
    case("Pull the avg spending score for customers earning over 70k", M,
         kind="aggregate", measure="spending_score_1_100", stat="mean",
         where=[("annual_income_k", ">", 70)]),
    case("Which persona has the highest spending score?", M,
         kind="rank", measure="spending_score_1_100", order="desc", top=1),
    case("rank the segments by average annual income, highest to lowest", M,
         kind="rank", measure="annual_income_k", order="desc"),
    case("Which segment has the biggest share of women?", M,
         kind="rank", measure="customers", stat="share", where=[("gender", "==", "Female")],
         order="desc", top=1),
    case("How do the Young High-Spenders stack up against the High-Income Low-Spenders?", M,
         kind="compare", personas=[3, 1]),
    case("compare men vs women on spending score and income", M,
         kind="compare", groups=[[("gender", "==", "Male")], [("gender", "==", "Female")]],
         measures=["spending_score_1_100", "annual_income_k"]),
    case("Describe the Older Low-Spenders", M, kind="describe", personas=[2]),
    case("campaign ideas for the Mostly Female Customers", M, kind="campaign", personas=[0]),
    case("Write an email subject line for the Young High-Spenders", M,
         kind="draft", personas=[3]),
    case("Which persona should our new in-mall promotion go after?", M, kind="target"),
    case("Which persona would a 25 yr old woman earning 40k with a spending score of 80 fall "
         "into?", M, kind="assign",
         attributes={"age": 25, "gender": "Female", "annual_income_k": 40,
                     "spending_score_1_100": 80}),
    case("What's the avg number of kids in persona 1?", M, kind="decline"),
    case("Which persona buys the most wine?", M, kind="decline"),
    case("What was the response rate to the last campaign by segment?", M, kind="decline"),
    case("Show me the 10 customers with the highest spending scores", M, kind="decline"),
    case("How has the average spending score changed since last year?", M, kind="decline"),

    # -- shop -----------------------------------------------------------------------------------
    case("avg total spend by region", S,
         kind="aggregate", measure="total_spend", stat="mean", by=["region"]),
    case("How many customers are in the North?", S,
         kind="aggregate", measure="customers", stat="count",
         where=[("region", "==", "North")]),
    case("% of customers who visit more than 4x a month", S,
         kind="aggregate", measure="customers", stat="share",
         where=[("visits_per_month", ">", 4)]),
    case("I need the median annual income of the Frequent High-Spenders", S,
         kind="aggregate", measure="annual_income", stat="median", personas=[2]),
    case("Which persona visits the store most often?", S,
         kind="rank", measure="visits_per_month", order="desc", top=1),
    case("Which persona has the highest share of customers in the West?", S,
         kind="rank", measure="customers", stat="share", where=[("region", "==", "West")],
         order="desc", top=1),
    case("Older High-Income Customers vs Frequent High-Spenders on total spend and visits per "
         "month", S, kind="compare", personas=[1, 2],
         measures=["total_spend", "visits_per_month"]),
    case("tell me about persona 0", S, kind="describe", personas=[0]),
    case("Campaign ideas for the Young Low-Income Low-Spenders", S,
         kind="campaign", personas=[0]),
    case("write an SMS for the Frequent High-Spenders", S, kind="draft", personas=[2]),
    case("Which persona should we target with a new store-wide offer?", S, kind="target"),
    case("Which persona is a 52-year-old with an annual income of 95,000 who visits twice a "
         "month?", S, kind="assign",
         attributes={"age": 52, "annual_income": 95000, "visits_per_month": 2}),
    case("avg wine spend by persona", S, kind="decline"),
    case("What share of our customers are women?", S, kind="decline"),
    case("How has total spend changed month over month?", S, kind="decline"),
]
# fmt: on
