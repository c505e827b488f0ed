"""Held-out question bank: marketer questions with the reading a correct system must make.

This is the HELD-OUT part of the question banks. It was written by a separate author from the
bank spec (notes/bank_spec.md), the persona facts of the two models (notes/bank_facts.md) and
the `case` helper in `tests/_reading.py` only — without reading the chat's parser, router, the
other banks or any benchmark. It must never be tuned on: when a case here fails, fix the
system in general, do not edit the question or special-case its wording.

How it was written: each question is phrased the way marketers type in a chat (questions and
imperatives, casual and formal, long-winded context, about 15% with typos or missing
apostrophes, shortened or paraphrased persona names, numbers as 60k / $30,000 / "sixty
thousand" / 1.5k, comparators and time spans), and its expected reading was set by meaning,
literally from the spec: persona references ("the gourmets", "the two richest personas", "the
biggest segment") are resolved to ids from bank_facts.md, money in plain amounts (mall incomes
in thousands, as the column is), months as 30 days and years as 365 days. 110 cases: 88 on the
demo model and 22 on the mall model.
"""

from tests._reading import case

__all__ = ["CASES"]

# fmt: off
CASES = [
    # ---------------------------------------------------------------- demo: list (3)
    case("What personas do we have?", kind="list"),
    case("list all the segments pls", kind="list"),
    case("Can you give me an overview of the customer segments you found in our data?",
         kind="list"),

    # ---------------------------------------------------------------- demo: describe (6)
    case("Tell me about the gourmets", kind="describe", personas=[5]),
    case("describe the frugal famlies", kind="describe", personas=[3]),
    case("Who are the Comfortable Parents of Teens?", kind="describe", personas=[1]),
    case("For our Q3 newsletter I need a quick profile of the deal seekers - who are they "
         "and what are they like?", kind="describe", personas=[2]),
    case("What does our biggest segment look like?", kind="describe", personas=[0]),
    case("give me a rundown of the rich fruit people", kind="describe", personas=[4]),

    # ---------------------------------------------------------------- demo: aggregate (27)
    # plain figures
    case("What's the average income across all our customers?",
         kind="aggregate", measure="income", stat="mean"),
    case("whats the median age of our customers",
         kind="aggregate", measure="age", stat="median"),
    case("How many customers do we have in total?",
         kind="aggregate", measure="customers", stat="count"),
    # per-persona figures
    case("What is the avg incme of the frugal famlies",
         kind="aggregate", measure="income", stat="mean", personas=[3]),
    case("How much do the meat & fish lovers spend on meat, on average?",
         kind="aggregate", measure="spend_meat", stat="mean", personas=[5]),
    case("median total spend for the deal seekers?",
         kind="aggregate", measure="total_spend", stat="median", personas=[2]),
    case("what's the response rate of the gourmets",
         kind="aggregate", measure="response", stat="rate", personas=[5]),
    # filtered figures, counts, shares, rates
    case("how many custmers earn more then 60k",
         kind="aggregate", measure="customers", stat="count", where=[("income", ">", 60000)]),
    case("Average wine spend of customers with a PhD?",
         kind="aggregate", measure="spend_wines", stat="mean",
         where=[("education", "==", "PhD")]),
    case("How many customers are between 30 and 40 years old?",
         kind="aggregate", measure="customers", stat="count",
         where=[("age", "between", (30, 40))]),
    case("What percentage of customers are not married?",
         kind="aggregate", measure="customers", stat="share",
         where=[("marital_status", "!=", "Married")]),
    case("What % of the deal seekers have kids?",
         kind="aggregate", measure="customers", stat="share", personas=[2],
         where=[("children", ">", 0)]),
    case("How many customers haven't bought anything in the last 3 months?",
         kind="aggregate", measure="customers", stat="count",
         where=[("recency_days", ">", 90)]),
    case("Of the customers who joined in the last 2 years, what's the average total spend?",
         kind="aggregate", measure="total_spend", stat="mean",
         where=[("tenure_days", "<=", 730)]),
    case("What is the complaint rate among customers earning under $30,000?",
         kind="aggregate", measure="complain", stat="rate", where=[("income", "<", 30000)]),
    case("avg number of web visits a month for custmers with at least 2 kids",
         kind="aggregate", measure="web_visits_month", stat="mean",
         where=[("children", ">=", 2)]),
    case("How many single customers spent more than 1.5k?",
         kind="aggregate", measure="customers", stat="count",
         where=[("marital_status", "==", "Single"), ("total_spend", ">", 1500)]),
    case("Total gold spend of customers over sixty?",
         kind="aggregate", measure="spend_gold", stat="sum", where=[("age", ">", 60)]),
    case("I'm putting together a deck for the board on Thursday. Could you tell me the "
         "average total spend of customers who hold a Master's degree?",
         kind="aggregate", measure="total_spend", stat="mean",
         where=[("education", "==", "Master")]),
    case("Among customers who responded to the last campaign, what's the average income?",
         kind="aggregate", measure="income", stat="mean", where=[("response", "==", 1)]),
    case("What's the average wine spend of the married customers in the gourmet segment?",
         kind="aggregate", measure="spend_wines", stat="mean", personas=[5],
         where=[("marital_status", "==", "Married")]),
    # group by persona
    case("Show me average income by persona as a chart",
         kind="aggregate", measure="income", stat="mean", by=["persona"], show="chart"),
    case("respnse rate per segment?",
         kind="aggregate", measure="response", stat="rate", by=["persona"]),
    # group by a dimension
    case("Break down average total spend by education, table please",
         kind="aggregate", measure="total_spend", stat="mean", by=["education"],
         show="table"),
    case("how many customers per marital status",
         kind="aggregate", measure="customers", stat="count", by=["marital_status"]),
    # two-way cross-tabs
    case("Can you give me a table of customer counts by marital status for each persona?",
         kind="aggregate", measure="customers", stat="count",
         by=["persona", "marital_status"], show="table"),
    case("Plot the response rate by segment and education",
         kind="aggregate", measure="response", stat="rate", by=["persona", "education"],
         show="chart"),

    # ---------------------------------------------------------------- demo: rank (8)
    case("Which segment has the highest income?",
         kind="rank", measure="income", order="desc", top=1),
    case("Rank the personas by total spend", kind="rank", measure="total_spend"),
    case("top 3 personas by wine spend", kind="rank", measure="spend_wines", order="desc",
         top=3),
    case("which group buys the least fruit?",
         kind="rank", measure="spend_fruits", order="asc", top=1),
    case("Which segment has the highest response rate?",
         kind="rank", measure="response", stat="rate", order="desc", top=1),
    case("whos the youngest segmnet", kind="rank", measure="age", order="asc", top=1),
    case("Rank segments by deal purchases, lowest first",
         kind="rank", measure="purchases_deals", order="asc"),
    case("Which 2 personas visit our website most often per month?",
         kind="rank", measure="web_visits_month", order="desc", top=2),

    # ---------------------------------------------------------------- demo: compare (8)
    case("compair the gourmets and the rich fruit people", kind="compare", personas=[5, 4]),
    case("How do the two biggest segments differ?", kind="compare", personas=[0, 1]),
    case("frugal families vs deal seekers on income and wine spend",
         kind="compare", personas=[3, 2], measures=["income", "spend_wines"]),
    case("Compare Comfortable Parents of Teens with Budget-Conscious Young Families on total "
         "spend", kind="compare", personas=[1, 0], measures=["total_spend"]),
    case("Do customers with kids spend less on wine than those without?",
         kind="compare", groups=[[("children", ">", 0)], [("children", "==", 0)]],
         measures=["spend_wines"]),
    case("Compare married vs single customers on average income",
         kind="compare",
         groups=[[("marital_status", "==", "Married")], [("marital_status", "==", "Single")]],
         measures=["income"]),
    case("How do the two richest personas compare on web purchases and store purchases?",
         kind="compare", personas=[4, 5], measures=["purchases_web", "purchases_store"]),
    case("Side by side please: young families, frugal families and the deal seekers",
         kind="compare", personas=[0, 3, 2]),

    # ---------------------------------------------------------------- demo: target (4)
    case("Who should we target for a premium wine launch?",
         kind="target", measure="spend_wines"),
    case("We're launching a gold jewellery line - which persona should we go after?",
         kind="target", measure="spend_gold"),
    case("best segment to pitch a new seafood subscription box to?",
         kind="target", measure="spend_fish"),
    case("Which personas should we target with a new range of artisan chocolates and sweets?",
         kind="target", measure="spend_sweets"),

    # ---------------------------------------------------------------- demo: price_sensitivity (3)
    case("Which segments are the most price sensitive?", kind="price_sensitivity"),
    case("who reacts most to discounts", kind="price_sensitivity"),
    case("For our Black Friday planning: which personas are the biggest bargain hunters?",
         kind="price_sensitivity"),

    # ---------------------------------------------------------------- demo: loyalty (3)
    case("Which personas are our most loyal customers?", kind="loyalty"),
    case("Who are our longest-standing customers, segment-wise?", kind="loyalty"),
    case("which segmnt is the most loyal", kind="loyalty"),

    # ---------------------------------------------------------------- demo: churn (3)
    case("Which segments are at risk of churning?", kind="churn"),
    case("whos about to leave us", kind="churn"),
    case("Which personas have lapsing customers we should try to win back?", kind="churn"),

    # ---------------------------------------------------------------- demo: growth (2)
    case("Which segment is growing the fastest?", kind="growth"),
    case("How have the personas changed over the last year?", kind="growth"),

    # ---------------------------------------------------------------- demo: assign (5)
    case("Which persona would a 35-year-old with an income of 30k and 2 kids belong to?",
         kind="assign", attributes={"age": 35, "income": 30000, "children": 2}),
    case("A married customer with a PhD earning $80,000 - what segment are they in?",
         kind="assign",
         attributes={"marital_status": "Married", "education": "PhD", "income": 80000}),
    case("which persona fits someone who spends 1.5k in total, 600 of it on wine?",
         kind="assign", attributes={"total_spend": 1500, "spend_wines": 600}),
    case("Customer is 50, has one teenager at home, income sixty thousand. Which segment?",
         kind="assign", attributes={"age": 50, "teenhome": 1, "income": 60000}),
    case("wich segment does a 28 yo single with no kids and 25k income fall into",
         kind="assign",
         attributes={"age": 28, "marital_status": "Single", "children": 0, "income": 25000}),

    # ---------------------------------------------------------------- demo: campaign (3)
    case("campain ideas for the gourmets?", kind="campaign", personas=[5]),
    case("How should we market to the frugal families?", kind="campaign", personas=[3]),
    case("We need a Q4 campaign concept for the Comfortable Parents of Teens - any ideas?",
         kind="campaign", personas=[1]),

    # ---------------------------------------------------------------- demo: draft (3)
    case("Write a subject line for the deal seekers", kind="draft", personas=[2],
         format="subject"),
    case("Draft an email to the rich fruit & sweets crowd announcing our summer fruit box",
         kind="draft", personas=[4], format="email"),
    case("Can you write an SMS for the young families about our back-to-school offer?",
         kind="draft", personas=[0], format="email"),

    # ---------------------------------------------------------------- demo: help (2)
    case("What can you do?", kind="help"),
    case("how do i use this thing", kind="help"),

    # ---------------------------------------------------------------- demo: decline (8)
    case("Which region do the gourmets mostly live in?", kind="decline"),
    case("wats the gender split of the deal seekers", kind="decline"),
    case("What are the average loyalty points per segment?", kind="decline"),
    case("Which store location sells the most wine?", kind="decline"),
    case("Forecast next quarter's total spend for each persona", kind="decline"),
    case("what is customer 5524's income", kind="decline"),
    case("Will it rain on Saturday for our outdoor tasting event?", kind="decline"),
    case("blorp the frobnicated zibble segments??", kind="decline"),

    # ---------------------------------------------------------------- mall: aggregate (9)
    case("What's the average annual income of our mall customers?", model="mall",
         kind="aggregate", measure="annual_income_k", stat="mean"),
    case("How many customers have an income over 80?", model="mall",
         kind="aggregate", measure="customers", stat="count",
         where=[("annual_income_k", ">", 80)]),
    case("how many shopers earn more than 80k", model="mall",
         kind="aggregate", measure="customers", stat="count",
         where=[("annual_income_k", ">", 80)]),
    case("average spending score by gender", model="mall",
         kind="aggregate", measure="spending_score_1_100", stat="mean", by=["gender"]),
    case("Count of customers by gender, as a chart please", model="mall",
         kind="aggregate", measure="customers", stat="count", by=["gender"], show="chart"),
    case("Median age of customers with a spending score above 70?", model="mall",
         kind="aggregate", measure="age", stat="median",
         where=[("spending_score_1_100", ">", 70)]),
    case("What's the average spending score of the young high spenders?", model="mall",
         kind="aggregate", measure="spending_score_1_100", stat="mean", personas=[3]),
    case("How many customers under 30 have a spending score of at least 60?", model="mall",
         kind="aggregate", measure="customers", stat="count",
         where=[("age", "<", 30), ("spending_score_1_100", ">=", 60)]),
    case("What share of our shoppers are male?", model="mall",
         kind="aggregate", measure="customers", stat="share", where=[("gender", "==", "Male")]),

    # ---------------------------------------------------------------- mall: rank (3)
    case("Which segment has the highest spending score?", model="mall",
         kind="rank", measure="spending_score_1_100", order="desc", top=1),
    case("Rank the segments by age, youngest first", model="mall",
         kind="rank", measure="age", order="asc"),
    case("which 2 groups earn the most", model="mall",
         kind="rank", measure="annual_income_k", order="desc", top=2),

    # ---------------------------------------------------------------- mall: describe (2)
    case("Tell me abt the high-income low spenders", model="mall",
         kind="describe", personas=[1]),
    case("Describe the older low-spenders for me", model="mall",
         kind="describe", personas=[2]),

    # ---------------------------------------------------------------- mall: compare (2)
    case("Compare the young high spenders with the high-income low-spenders", model="mall",
         kind="compare", personas=[3, 1]),
    case("How do the mostly-female group and the older low spenders differ on income and "
         "spending score?", model="mall",
         kind="compare", personas=[0, 2], measures=["annual_income_k", "spending_score_1_100"]),

    # ---------------------------------------------------------------- mall: assign (3)
    case("Which segment would a 23-year-old woman earning 35k with a spending score of 90 be "
         "in?", model="mall", kind="assign",
         attributes={"age": 23, "gender": "Female", "annual_income_k": 35,
                     "spending_score_1_100": 90}),
    case("A 60 yo male, income 50k, spending score 20 - which persona?", model="mall",
         kind="assign",
         attributes={"age": 60, "gender": "Male", "annual_income_k": 50,
                     "spending_score_1_100": 20}),
    case("where does a customer with a 110k income and a spending score of 10 fit?",
         model="mall", kind="assign",
         attributes={"annual_income_k": 110, "spending_score_1_100": 10}),

    # ---------------------------------------------------------------- mall: decline (3)
    case("What's the average wine spend of the young high spenders?", model="mall",
         kind="decline"),
    case("What was the response rate of our last campaign among the mall shoppers?",
         model="mall", kind="decline"),
    case("how many kids do the older low-spenders have on average?", model="mall",
         kind="decline"),
]
# fmt: on
