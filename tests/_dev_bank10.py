"""Dev part 10 of the chat question bank, used to tune the reader.

Written from the spec only (notes/bank_spec.md, notes/bank_facts.md) by a helper who never saw
the reader's rules or any other bank. Voice: an agency account manager and a CRM specialist
working for the client behind the demo model; messages often carry context before the question
("Client call in an hour. Quick one: ...", "For the Q3 deck I need ..."), sometimes two sentences
of which only one asks something, polite forms ("could you pull", "would you mind telling me"),
British spelling (programme, catalogue) and marketing jargon (cohort, audience, penetration,
reach, skew, over-index, uplift) only where it maps onto an existing metric; anything needing a
column the data lacks is a decline. About 77 cases on the demo model, 16 on mall, 11 on shop.

Facts relied on (copied from notes/bank_facts.md):

demo model (reference marketing schema, 2,240 customers). Persona ids:
0 Budget-Conscious Young Families (largest, youngest, lowest income), 1 Comfortable Parents of
Teens, 2 Deal-Seeking Families (most deal purchases), 3 Frugal Families (oldest, lowest total
spend), 4 Affluent Fruit & Sweets Lovers (richest, highest total spend, most wine), 5
Campaign-Responsive Meat & Fish Gourmets (smallest, highest response rate, most meat).
Demo metric keys: income, age, children, kidhome, teenhome, recency_days (days since the last
purchase), tenure_days (days since enrolment), total_spend (two-year spend), spend_wines,
spend_fruits, spend_meat, spend_fish, spend_sweets, spend_gold, purchases_web,
purchases_catalog, purchases_store, purchases_deals, total_purchases, web_visits_month,
campaigns_accepted (of the five past campaigns); yes/no keys response (the last campaign) and
complain (in the last two years); dimensions education (Basic, 2n Cycle, Graduation, Master,
PhD), education_level, marital_status (Single, Married, Together, Divorced, Widow), partner.
No region or gender on demo.

mall model (CustomerID, Gender, Age, Annual Income (k$), Spending Score (1-100); 400 rows).
Persona ids: 0 Mostly Female Customers, 1 High-Income Low-Spenders (richest, lowest spending
score), 2 Older Low-Spenders (oldest), 3 Young High-Spenders (youngest, highest spending
score). Mall metric keys: age, annual_income_k (thousands), spending_score_1_100; dimension
gender (Male, Female). The mall table has NO children, spend categories, channels, campaigns,
complaints, dates, education or marital status.

shop model (1,000 rows, columns Kunden-ID, age, annual_income, total_spend, visits_per_month,
region; k = 3). Persona ids: 0 Young Low-Income Low-Spenders (youngest, lowest income, lowest
total spend, mostly North), 1 Older High-Income Customers (oldest, richest, mostly West),
2 Frequent High-Spenders (highest total spend, most visits per month, mostly South). Shop
metric keys: age, annual_income, total_spend (no period is known: not "two years"),
visits_per_month; dimension region (North, South, West, East). The shop table has NO children,
spend categories, channels, campaigns, responses, complaints, dates, education, marital status
or gender.

"Kids"/"children" = children; "aged 30 to 50" is between 30 and 50 inclusive.
"""

from tests._reading import case

__all__ = ["CASES"]

M = "mall"
S = "shop"

# fmt: off
CASES = [
    # -- demo: filtered aggregates ---------------------------------------------------------------
    case("Client call in an hour. Quick one: what's the average household income across the "
         "whole customer base?",
         kind="aggregate", measure="income", stat="mean"),
    case("For the Q3 deck I need the median age of customers who've been enrolled for more "
         "than 600 days.",
         kind="aggregate", measure="age", stat="median", where=[("tenure_days", ">", 600)]),
    case("Could you pull the total wine spend for the Affluent Fruit & Sweets Lovers?",
         kind="aggregate", measure="spend_wines", stat="sum", personas=[4]),
    case("Would you mind telling me how many of our customers are married and hold a PhD?",
         kind="aggregate", measure="customers", stat="count",
         where=[("marital_status", "==", "Married"), ("education", "==", "PhD")]),
    case("The client keeps raising service issues. What's the complaint rate across the whole "
         "customer base?",
         kind="aggregate", measure="complain", stat="rate"),
    case("Prepping the retention workshop. What was the response rate to the last campaign among "
         "customers aged between 40 and 60?",
         kind="aggregate", measure="response", stat="rate", where=[("age", "between", (40, 60))]),
    case("Could you pull the average number of website visits per month for customers who "
         "aren't married?",
         kind="aggregate", measure="web_visits_month", stat="mean",
         where=[("marital_status", "!=", "Married")]),
    case("Quick sense check for the brief: what's the mean two-year total spend of customers "
         "with no children at home?",
         kind="aggregate", measure="total_spend", stat="mean", where=[("children", "==", 0)]),
    case("For the deal-led activity plan, what's the median income of the Deal-Seeking Families "
         "who made more than 5 deal purchases?",
         kind="aggregate", measure="income", stat="median", personas=[2],
         where=[("purchases_deals", ">", 5)]),
    case("How many of the Frugal Families made their last purchase more than 90 days ago?",
         kind="aggregate", measure="customers", stat="count", personas=[3],
         where=[("recency_days", ">", 90)]),
    case("For the Q3 deck I need average income broken down by persona.",
         kind="aggregate", measure="income", stat="mean", by=["persona"]),
    case("Could you show me average total spend by marital status as a chart?",
         kind="aggregate", measure="total_spend", stat="mean", by=["marital_status"],
         show="chart"),
    case("Please give me a table of customer counts broken down by education.",
         kind="aggregate", measure="customers", stat="count", by=["education"], show="table"),
    case("Of the married customers, what share have a PhD?",
         kind="aggregate", measure="customers", stat="share", where=[("education", "==", "PhD")],
         within=[("marital_status", "==", "Married")]),
    case("Among customers with children, what proportion are divorced?",
         kind="aggregate", measure="customers", stat="share",
         where=[("marital_status", "==", "Divorced")], within=[("children", ">", 0)]),
    case("Thinking about the activation programme: what proportion of the Graduation cohort "
         "accepted at least one of the five past campaigns?",
         kind="aggregate", measure="customers", stat="share",
         where=[("campaigns_accepted", ">=", 1)], within=[("education", "==", "Graduation")]),
    case("What's our catalogue penetration, i.e. the share of customers with at least one "
         "catalogue purchase?",
         kind="aggregate", measure="customers", stat="share",
         where=[("purchases_catalog", ">=", 1)]),
    case("Reach check for the media plan: if we targeted everyone earning between 50k and 70k, "
         "how many customers would that be?",
         kind="aggregate", measure="customers", stat="count",
         where=[("income", "between", (50000, 70000))]),
    case("Response rate to the last campaign by persona, please.",
         kind="aggregate", measure="response", stat="rate", by=["persona"]),
    case("What's the response rate among customers who visit the website more than 6 times a "
         "month?",
         kind="aggregate", measure="response", stat="rate", where=[("web_visits_month", ">", 6)]),
    case("Would you mind telling me how many of the Budget-Conscious Young Families are not "
         "single?",
         kind="aggregate", measure="customers", stat="count", personas=[0],
         where=[("marital_status", "!=", "Single")]),
    case("For the Frugal Families, what share have a teenager at home?",
         kind="aggregate", measure="customers", stat="share", personas=[3],
         where=[("teenhome", ">", 0)]),
    case("CRM housekeeping. Could you pull the median tenure in days for customers without a "
         "PhD?",
         kind="aggregate", measure="tenure_days", stat="median",
         where=[("education", "!=", "PhD")]),
    case("What share of the customer base does each persona account for?",
         kind="aggregate", measure="customers", stat="share", by=["persona"]),
    # -- demo: rankings --------------------------------------------------------------------------
    case("For the wine pitch: which persona over-indexes most on wine spend?",
         kind="rank", measure="spend_wines", order="desc", top=1),
    case("Could you rank the personas by median income, highest first?",
         kind="rank", measure="income", stat="median", order="desc"),
    case("Which three personas have the highest average two-year total spend?",
         kind="rank", measure="total_spend", order="desc", top=3),
    case("Which persona has the highest share of PhD holders?",
         kind="rank", measure="customers", stat="share", where=[("education", "==", "PhD")],
         order="desc", top=1),
    case("Which persona had the lowest response rate to the last campaign?",
         kind="rank", measure="response", stat="rate", order="asc", top=1),
    case("Which two personas bring in the most sweets spend in total, summed rather than "
         "averaged?",
         kind="rank", measure="spend_sweets", stat="sum", order="desc", top=2),
    case("Looking only at customers under 40, could you rank the personas by average web visits "
         "per month, highest first?",
         kind="rank", measure="web_visits_month", where=[("age", "<", 40)], order="desc"),
    case("Which persona makes the fewest catalogue purchases on average?",
         kind="rank", measure="purchases_catalog", order="asc", top=1),
    # -- demo: comparisons -----------------------------------------------------------------------
    case("Client call in an hour. Could you compare the Frugal Families with the Deal-Seeking "
         "Families?",
         kind="compare", personas=[3, 2]),
    case("Does the Budget-Conscious Young Families audience skew younger than the Comfortable "
         "Parents of Teens?",
         kind="compare", personas=[0, 1], measures=["age"]),
    case("For the family slide, compare customers with kids against those without on total "
         "spend and web purchases.",
         kind="compare", groups=[[("children", ">", 0)], [("children", "==", 0)]],
         measures=["total_spend", "purchases_web"]),
    case("Compare married and single customers on average income.",
         kind="compare",
         groups=[[("marital_status", "==", "Married")], [("marital_status", "==", "Single")]],
         measures=["income"]),
    case("How do the Affluent Fruit & Sweets Lovers and the Meat & Fish Gourmets compare on meat "
         "and wine spend?",
         kind="compare", personas=[4, 5], measures=["spend_meat", "spend_wines"]),
    case("Could you compare PhD holders with Master's graduates on response rate to the last "
         "campaign?",
         kind="compare",
         groups=[[("education", "==", "PhD")], [("education", "==", "Master")]],
         measures=["response"]),
    # -- demo: describe, campaign, draft ---------------------------------------------------------
    case("New to the account. Could you give me a quick profile of the Deal-Seeking Families?",
         kind="describe", personas=[2]),
    case("Would you mind describing persona 5 for me?",
         kind="describe", personas=[5]),
    case("Before the workshop I'd like a rundown of the Budget-Conscious Young Families.",
         kind="describe", personas=[0]),
    case("We're planning Q4 activity for the Frugal Families. Any campaign ideas?",
         kind="campaign", personas=[3]),
    case("Could you suggest a few campaign concepts for the Affluent Fruit & Sweets Lovers?",
         kind="campaign", personas=[4]),
    case("Brainstorm time: what campaigns would work for persona 2?",
         kind="campaign", personas=[2]),
    case("Could you draft an email subject line for the Meat & Fish Gourmets?",
         kind="draft", personas=[5]),
    case("Would you mind writing a short SMS for the Comfortable Parents of Teens about our "
         "back-to-school offer?",
         kind="draft", personas=[1]),
    # -- demo: assign ----------------------------------------------------------------------------
    case("New lead from the web form: 45 years old, income 62,000, two kids. Which persona "
         "would they fall into?",
         kind="assign", attributes={"age": 45, "income": 62000, "children": 2}),
    case("Which persona does a 67-year-old with an income of 38,000 and no children belong to?",
         kind="assign", attributes={"age": 67, "income": 38000, "children": 0}),
    case("The client asked about one of their VIPs: income 95k, age 52, no kids, total spend "
         "of 1,800 over the two years. Which persona fits them best?",
         kind="assign",
         attributes={"income": 95000, "age": 52, "children": 0, "total_spend": 1800}),
    # -- demo: target, price sensitivity, loyalty, churn, growth --------------------------------
    case("We're launching a fine-wine subscription. Which persona should we target?",
         kind="target", measure="spend_wines"),
    case("Gold jewellery promotion coming up in November. Which audience should we go after?",
         kind="target", measure="spend_gold"),
    case("For a seafood hamper launch, which persona is the best target?",
         kind="target", measure="spend_fish"),
    case("Which persona should we target with the new organic fruit box?",
         kind="target", measure="spend_fruits"),
    case("Which persona is the most price-sensitive?",
         kind="price_sensitivity"),
    case("Planning a discount-code push. Which audience is the most price-sensitive?",
         kind="price_sensitivity"),
    case("Which persona is the most loyal?",
         kind="loyalty"),
    case("For the loyalty programme pitch, which of our personas is the most loyal to the "
         "brand?",
         kind="loyalty"),
    case("Which persona is most at risk of churning?",
         kind="churn"),
    case("The client is worried about lapsing customers. Which audience are we most likely to "
         "lose?",
         kind="churn"),
    case("Is the Deal-Seeking Families segment growing or shrinking?",
         kind="growth"),
    case("Which persona has grown the fastest over the past year?",
         kind="growth"),
    # -- demo: help and list ---------------------------------------------------------------------
    case("Hi! I've just joined the account team. What can you help me with?",
         kind="help"),
    case("Morning. What sorts of questions can I ask you?",
         kind="help"),
    case("Could you list the personas for me?",
         kind="list"),
    # -- demo: declines --------------------------------------------------------------------------
    case("The client asked about one record. What's the income of customer 5524?",
         kind="decline"),
    case("Who is our single biggest wine spender, and how much did they spend?",
         kind="decline"),
    case("For the stats appendix, what's the standard deviation of income in the Affluent Fruit "
         "& Sweets Lovers?",
         kind="decline"),
    case("Is there a correlation between web visits and deal purchases?",
         kind="decline"),
    case("Could you forecast next quarter's wine spend for the Affluent Fruit & Sweets Lovers?",
         kind="decline"),
    case("Why do the Meat & Fish Gourmets respond to campaigns so much more than everyone else?",
         kind="decline"),
    case("Could you break the customer base down by region?",
         kind="decline"),
    case("What share of our customers are female?",
         kind="decline"),
    case("Would you mind listing the Frugal Families customers who complained, with their IDs?",
         kind="decline"),
    case("What's the 90th percentile of total spend?",
         kind="decline"),
    case("How has wine spend trended month by month this year?",
         kind="decline"),
    case("What uplift in meat spend did the last campaign drive?",
         kind="decline"),
    case("What's the average income of customers who opened our last newsletter?",
         kind="decline"),
    # -- mall ------------------------------------------------------------------------------------
    case("For the shopping-centre client: what's the average annual income, in k$, of female "
         "customers?", M,
         kind="aggregate", measure="annual_income_k", stat="mean",
         where=[("gender", "==", "Female")]),
    case("Could you pull the median spending score of shoppers aged between 25 and 40?", M,
         kind="aggregate", measure="spending_score_1_100", stat="median",
         where=[("age", "between", (25, 40))]),
    case("How many male customers have a spending score above 70?", M,
         kind="aggregate", measure="customers", stat="count",
         where=[("gender", "==", "Male"), ("spending_score_1_100", ">", 70)]),
    case("What share of the mall's customers are male?", M,
         kind="aggregate", measure="customers", stat="share", where=[("gender", "==", "Male")]),
    case("Of the customers earning over 80k, what share are female?", M,
         kind="aggregate", measure="customers", stat="share",
         where=[("gender", "==", "Female")], within=[("annual_income_k", ">", 80)]),
    case("Average spending score by gender, please.", M,
         kind="aggregate", measure="spending_score_1_100", stat="mean", by=["gender"]),
    case("Which persona has the highest average spending score?", M,
         kind="rank", measure="spending_score_1_100", order="desc", top=1),
    case("Could you rank the mall personas by average age, oldest first?", M,
         kind="rank", measure="age", order="desc"),
    case("Compare the High-Income Low-Spenders with the Young High-Spenders.", M,
         kind="compare", personas=[1, 3]),
    case("Compare men and women on spending score.", M,
         kind="compare", groups=[[("gender", "==", "Male")], [("gender", "==", "Female")]],
         measures=["spending_score_1_100"]),
    case("Could you give me a profile of the Older Low-Spenders?", M,
         kind="describe", personas=[2]),
    case("Any campaign ideas for the Young High-Spenders?", M,
         kind="campaign", personas=[3]),
    case("A shopper aged 28, earning 40k a year, spending score 75: which persona are they?", M,
         kind="assign",
         attributes={"age": 28, "annual_income_k": 40, "spending_score_1_100": 75}),
    case("How many children do the Mostly Female Customers have on average?", M,
         kind="decline"),
    case("What was the response rate of the Young High-Spenders to the last campaign?", M,
         kind="decline"),
    case("Which individual shopper has the highest spending score?", M,
         kind="decline"),
    # -- shop ------------------------------------------------------------------------------------
    case("Different client, the shop export. What's the average annual income of customers in "
         "the North region?", S,
         kind="aggregate", measure="annual_income", stat="mean",
         where=[("region", "==", "North")]),
    case("How many shop customers are outside the West region?", S,
         kind="aggregate", measure="customers", stat="count", where=[("region", "!=", "West")]),
    case("Average visits per month broken down by region, please.", S,
         kind="aggregate", measure="visits_per_month", stat="mean", by=["region"]),
    case("Among customers in the South, what share visit more than 4 times a month?", S,
         kind="aggregate", measure="customers", stat="share",
         where=[("visits_per_month", ">", 4)], within=[("region", "==", "South")]),
    case("Could you pull total spend across the West region?", S,
         kind="aggregate", measure="total_spend", stat="sum", where=[("region", "==", "West")]),
    case("Which shop persona has the highest median total spend?", S,
         kind="rank", measure="total_spend", stat="median", order="desc", top=1),
    case("Compare the Young Low-Income Low-Spenders with the Frequent High-Spenders on age and "
         "visits per month.", S,
         kind="compare", personas=[0, 2], measures=["age", "visits_per_month"]),
    case("Could you describe the Older High-Income Customers?", S,
         kind="describe", personas=[1]),
    case("What's the two-year total spend of customers in the South?", S,
         kind="decline"),
    case("Could you give me the gender split of the Frequent High-Spenders?", S,
         kind="decline"),
    case("Which region has the most complaints?", S,
         kind="decline"),
]
# fmt: on
