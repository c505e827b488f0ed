"""The tuning part of the question bank, second half (see tests/_tuning_bank.py)."""

from __future__ import annotations

from tests._reading import case

__all__ = ["CASES"]

# fmt: off
CASES = [
    case("segment 4 vs segment 5 response rate",
         kind="compare", personas=[4, 5], measures=["response"]),
    case("Compare the smallest and the largest segment.", kind="compare", personas=[5, 0]),
    case("What's the difference between the frugal families and the affluent fruit and sweets "
         "lovers in web visits?",
         kind="compare", personas=[3, 4], measures=["web_visits_month"]),
    case("Put the three highest-spending personas side by side.",
         kind="compare", personas=[4, 5, 1]),
    case("compare households with teenagers to households without teens on deal purchases",
         kind="compare", groups=[[("teenhome", ">", 0)], [("teenhome", "==", 0)]],
         measures=["purchases_deals"]),
    case("Compare high earners (over 80k) with customers earning under 40k on store and web "
         "purchases.",
         kind="compare", groups=[[("income", ">", 80000)], [("income", "<", 40000)]],
         measures=["purchases_store", "purchases_web"]),
    case("how do complainers compare to non-complainers on total spend?",
         kind="compare", groups=[[("complain", "==", 1)], [("complain", "==", 0)]],
         measures=["total_spend"]),
    case("compare the deal seeking famlies with the comfortible parents",
         kind="compare", personas=[2, 1]),
    case("Customers who joined in the last year vs those who've been with us longer - how "
         "does their total spend compare?",
         kind="compare", groups=[[("tenure_days", "<=", 365)], [("tenure_days", ">", 365)]],
         measures=["total_spend"]),

    # -- target
    case("Which persona should we target for a premium wine launch?",
         kind="target", measure="spend_wines"),
    case("We're launching a gold jewellery line - who should we go after?",
         kind="target", measure="spend_gold"),
    case("who's the best audience for a new steak subscription box?",
         kind="target", measure="spend_meat"),
    case("Which segments should get the mailing for our new seafood range?",
         kind="target", measure="spend_fish"),
    case("best segment to pitch an organic fruit basket to", kind="target",
         measure="spend_fruits"),
    case("We have a luxury chocolate gift box for the holidays. Which persona should we "
         "target first?",
         kind="target", measure="spend_sweets"),
    case("who should we target with a wine club membership offer",
         kind="target", measure="spend_wines"),
    case("Which customers would be most interested in gold watches and gold gifts?",
         kind="target", measure="spend_gold"),

    # -- price_sensitivity
    case("Which personas care most about getting a deal?", kind="price_sensitivity"),
    case("we want to send out coupons - which groups are most discount-driven",
         kind="price_sensitivity"),
    case("how price-sensitive are our personas?", kind="price_sensitivity"),

    # -- loyalty
    case("Who are our most loyal customers?", kind="loyalty"),
    case("which segments are the longest-standing customers", kind="loyalty"),
    case("Which persona is the most loyal to our brand?", kind="loyalty"),
    case("rank the personas by loyalty", kind="loyalty"),
    case("which customer groups stick with us the longest?", kind="loyalty"),

    # -- churn
    case("Which personas are at risk of churning?", kind="churn"),
    case("who is about to leave us?", kind="churn"),
    case("Which segments are lapsing?", kind="churn"),
    case("show me churn risk by persona", kind="churn"),
    case("which customers are we most likely to lose next?", kind="churn"),

    # -- growth
    case("Which segment is growing fastest?", kind="growth"),
    case("how have our segments changed over the last year", kind="growth"),
    case("Is the gourmet segment shrinking?", kind="growth"),
    case("show me the growth trend of each persona", kind="growth"),

    # -- assign
    case("Which persona would a 35-year-old with a 30k income and two small kids belong to?",
         kind="assign", attributes={"age": 35, "income": 30000, "kidhome": 2}),
    case("Customer: 52, married, PhD, income $85,000, no children. Which segment?",
         kind="assign",
         attributes={"age": 52, "marital_status": "Married", "education": "PhD",
                     "income": 85000, "children": 0}),
    case("where does a 45 year old earning sixty thousand with one teenager fit?",
         kind="assign", attributes={"age": 45, "income": 60000, "teenhome": 1}),
    case("Which segment is someone who spent 1,600 in total and earns 78k most like?",
         kind="assign", attributes={"total_spend": 1600, "income": 78000}),
    case("assign: age 30, income 25000, 1 kid",
         kind="assign", attributes={"age": 30, "income": 25000, "children": 1}),
    case("I have a customer who spends about 700 on wine and 500 on meat, income 75k - which "
         "persona?",
         kind="assign", attributes={"spend_wines": 700, "spend_meat": 500, "income": 75000}),
    case("which persona fits a single 28-year-old with a Master's earning 40k",
         kind="assign",
         attributes={"marital_status": "Single", "age": 28, "education": "Master",
                     "income": 40000}),
    case("a divorced 60 year old with 2 teens at home and 45k income - what segment?",
         kind="assign",
         attributes={"marital_status": "Divorced", "age": 60, "teenhome": 2,
                     "income": 45000}),
    case("New customer: 48, income 64,000, 1 child, 9 store purchases. Which group?",
         kind="assign",
         attributes={"age": 48, "income": 64000, "children": 1, "purchases_store": 9}),
    case("which segment would a customer with 6 deal purchases and 2 children fall into",
         kind="assign", attributes={"purchases_deals": 6, "children": 2}),
    case("What persona is a 40-year-old with $70k income who accepted 3 past campaigns?",
         kind="assign", attributes={"age": 40, "income": 70000, "campaigns_accepted": 3}),
    case("classify this customer: age 33, income 28k, total spend 60, 7 web visits a month",
         kind="assign",
         attributes={"age": 33, "income": 28000, "total_spend": 60, "web_visits_month": 7}),

    # -- campaign
    case("Campaign ideas for the gourmets?", kind="campaign", personas=[5]),
    case("What campaigns should we run for the deal seekers?", kind="campaign", personas=[2]),
    case("give me marketing ideas for the comfortable parents of teens",
         kind="campaign", personas=[1]),
    case("Suggest a campaign for segment 0.", kind="campaign", personas=[0]),
    case("We have a small budget for Q3. What kind of campaign would work for the affluent "
         "fruit & sweets lovers?",
         kind="campaign", personas=[4]),
    case("how do we re-engage the young families?", kind="campaign", personas=[0]),
    case("marketing plan for the highest-income persona", kind="campaign", personas=[4]),

    # -- draft
    case("Write a subject line for the gourmets.", kind="draft", personas=[5],
         format="subject"),
    case("draft an email to the deal seekers about our weekend sale", kind="draft",
         personas=[2], format="email"),
    case("Can you write an SMS for the young families?", kind="draft", personas=[0],
         format="email"),
    case("subject line ideas for segment 4 please", kind="draft", personas=[4],
         format="subject"),
    case("write a short message to the frugal families", kind="draft", personas=[3],
         format="email"),
    case("Draft marketing copy aimed at the comfortable parents of teens.", kind="draft",
         personas=[1], format="email"),
    case("write an email subject for the smallest persona", kind="draft", personas=[5],
         format="subject"),
    case("Compose an email for the fruit and sweets lovers announcing our new dessert range.",
         kind="draft", personas=[4], format="email"),

    # -- help
    case("help", kind="help"),
    case("how do I use this assistant?", kind="help"),
    case("What kinds of questions can I ask you about our customers?", kind="help"),

    # -- decline
    case("What's the average spend by region?", kind="decline"),
    case("How many of our customers are women?", kind="decline"),
    case("compare male and female customers on wine spend", kind="decline"),
    case("Which segment has the most loyalty points?", kind="decline"),
    case("Which store location do the gourmets visit most?", kind="decline"),
    case("what city do most of the deal seekers live in", kind="decline"),
    case("Forecast next quarter's revenue for each segment.", kind="decline"),
    case("predict how much the fruit lovers will spend next year", kind="decline"),
    case("Show me John Smith's purchase history.", kind="decline"),
    case("what's the weather in Lisbon tomorrow?", kind="decline"),
    case("asdfgh qwerty zxcvb", kind="decline"),
    case("Who won the football match last night?", kind="decline"),
    case("break down the frugal families by country", kind="decline"),

    # ================================ mall model =================================
    # -- list / describe
    case("What segments are in this model?", model="mall", kind="list"),
    case("list the customer groups", model="mall", kind="list"),
    case("Tell me about the young high spenders.", model="mall", kind="describe", personas=[3]),
    case("describe the high-income low-spenders", model="mall", kind="describe",
         personas=[1]),
    case("who are the older low spenders?", model="mall", kind="describe", personas=[2]),
    case("describe segment 0", model="mall", kind="describe", personas=[0]),

    # -- aggregate
    case("What's the average annual income?", model="mall",
         kind="aggregate", measure="annual_income_k", stat="mean"),
    case("median age of our customers", model="mall",
         kind="aggregate", measure="age", stat="median"),
    case("average spending score of women", model="mall",
         kind="aggregate", measure="spending_score_1_100", stat="mean",
         where=[("gender", "==", "Female")]),
    case("how many customers earn more than $100,000 a year", model="mall",
         kind="aggregate", measure="customers", stat="count",
         where=[("annual_income_k", ">", 100)]),
    case("How many shoppers are under 30?", model="mall",
         kind="aggregate", measure="customers", stat="count", where=[("age", "<", 30)]),
    case("What share of customers are female?", model="mall",
         kind="aggregate", measure="customers", stat="share",
         where=[("gender", "==", "Female")]),
    case("what % of the young high spenders are male?", model="mall",
         kind="aggregate", measure="customers", stat="share", personas=[3],
         where=[("gender", "==", "Male")]),
    case("Average annual income per segment, as a chart", model="mall",
         kind="aggregate", measure="annual_income_k", stat="mean", by=["persona"],
         show="chart"),
    case("how many men have a spending score above 70", model="mall",
         kind="aggregate", measure="customers", stat="count",
         where=[("gender", "==", "Male"), ("spending_score_1_100", ">", 70)]),
    case("average age of customers with income between 40k and 60k", model="mall",
         kind="aggregate", measure="age", stat="mean",
         where=[("annual_income_k", "between", (40, 60))]),
    case("count of customers by gender", model="mall",
         kind="aggregate", measure="customers", stat="count", by=["gender"]),
    case("Average income of the older low-spenders?", model="mall",
         kind="aggregate", measure="annual_income_k", stat="mean", personas=[2]),
    case("mean spending score for customers aged at least 50", model="mall",
         kind="aggregate", measure="spending_score_1_100", stat="mean",
         where=[("age", ">=", 50)]),
    case("table of customer counts by segment and gender", model="mall",
         kind="aggregate", measure="customers", stat="count", by=["persona", "gender"],
         show="table"),

    # -- rank
    case("rank the segments by spending score", model="mall",
         kind="rank", measure="spending_score_1_100"),
    case("youngest segment?", model="mall", kind="rank", measure="age", order="asc", top=1),
    case("Top 2 segments by spending score", model="mall",
         kind="rank", measure="spending_score_1_100", order="desc", top=2),
    case("which group has the lowest spending score", model="mall",
         kind="rank", measure="spending_score_1_100", order="asc", top=1),
    case("Which persona is the oldest?", model="mall", kind="rank", measure="age",
         order="desc", top=1),
    case("rank segments by annual income, lowest first", model="mall",
         kind="rank", measure="annual_income_k", order="asc"),

    # -- compare
    case("compare segment 0 and segment 2 on age", model="mall",
         kind="compare", personas=[0, 2], measures=["age"]),
    case("how do the older low spenders and the young high spenders differ?", model="mall",
         kind="compare", personas=[2, 3]),
    case("Compare men and women on spending score.", model="mall",
         kind="compare", groups=[[("gender", "==", "Male")], [("gender", "==", "Female")]],
         measures=["spending_score_1_100"]),

    # -- assign
    case("Which segment is a 25-year-old earning 40k with a spending score of 90?",
         model="mall", kind="assign",
         attributes={"age": 25, "annual_income_k": 40, "spending_score_1_100": 90}),
    case("where does a 58 year old woman with income 50k and spending score 20 fit",
         model="mall", kind="assign",
         attributes={"age": 58, "gender": "Female", "annual_income_k": 50,
                     "spending_score_1_100": 20}),
    case("classify a shopper: income $110,000, spending score 15", model="mall",
         kind="assign", attributes={"annual_income_k": 110, "spending_score_1_100": 15}),
    case("what persona is a 35 year old male with annual income 70k?", model="mall",
         kind="assign", attributes={"age": 35, "gender": "Male", "annual_income_k": 70}),

    # -- campaign / draft
    case("Campaign ideas for the young high spenders", model="mall", kind="campaign",
         personas=[3]),
    case("how could we get the high-income low-spenders to spend more?", model="mall",
         kind="campaign", personas=[1]),
    case("write a subject line for the young high-spenders", model="mall", kind="draft",
         personas=[3], format="subject"),

    # -- decline (columns the mall model lacks)
    case("How much does each segment spend on wine?", model="mall", kind="decline"),
    case("What's the response rate of the young high spenders?", model="mall",
         kind="decline"),
    case("how many children do the older low spenders have on average", model="mall",
         kind="decline"),
    case("which segment has the most teenagers at home?", model="mall", kind="decline"),
    case("Which persona buys the most meat?", model="mall", kind="decline"),
]
# fmt: on
