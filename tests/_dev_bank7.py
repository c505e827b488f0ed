"""Dev bank part 7: second-language marketers typing fast in a chat box.

Voice: lowercase, missing articles and verbs ("avg income frugal family?"), German, French
and Spanish word order and false friends ("childs", "redact an email", "sensible to price",
"which age they have in mean"), typos and abbreviations (pct, avg, cust, seg, ppl, k for
thousands). Written from the bank spec only (no reader, router or chat was run on these
questions, no other bank was opened); used to tune the offline reader.

Persona ids relied on:
  demo: 0 Budget-Conscious Young Families, 1 Comfortable Parents of Teens, 2 Deal-Seeking
  Families, 3 Frugal Families, 4 Affluent Fruit & Sweets Lovers, 5 Campaign-Responsive Meat &
  Fish Gourmets.
  mall: 0 Mostly Female Customers, 1 High-Income Low-Spenders, 2 Older Low-Spenders,
  3 Young High-Spenders.
Ranked facts relied on: none of the expected readings depends on a ranked fact (demo 4 is
the richest, 3 the oldest, 5 the most responsive; mall 1 the richest, 3 the youngest).
Metric keys: demo income, age, children, kidhome, teenhome, recency_days, tenure_days,
total_spend, spend_wines, spend_fruits, spend_meat, spend_fish, spend_sweets, spend_gold,
purchases_web, purchases_catalog, purchases_store, purchases_deals, total_purchases,
web_visits_month, campaigns_accepted, response, complain; dimensions education,
education_level, marital_status, partner. mall age, annual_income_k, spending_score_1_100;
dimension gender.
"""

from tests._reading import case

__all__ = ["CASES"]

M = "mall"
SCORE = "spending_score_1_100"
INC_K = "annual_income_k"

# fmt: off
CASES = [
    # -- demo: list / help ----------------------------------------------------------------------
    case("which segments you have?", kind="list"),
    case("show me all the persona pls", kind="list"),
    case("hallo, what you can do for me?", kind="help"),
    case("hi! how this tool works?", kind="help"),

    # -- demo: describe / campaign / draft -------------------------------------------------------
    case("describe me the frugal families pls", kind="describe", personas=[3]),
    case("who are the deal seeking familys?", kind="describe", personas=[2]),
    case("tell me more about affluent fruit and sweets lovers", kind="describe", personas=[4]),
    case("give me campaign idea for comfortable parents of teens", kind="campaign",
         personas=[1]),
    case("which campain we can do for the budget conscious young familys?", kind="campaign",
         personas=[0]),
    case("ideas of marketing campaign for the meat and fish gourmets", kind="campaign",
         personas=[5]),
    case("write a subject line for frugal families", kind="draft", personas=[3]),
    case("can you redact an email for the affluent fruit & sweets lovers", kind="draft",
         personas=[4]),
    case("make short sms text for deal seeking families", kind="draft", personas=[2]),

    # -- demo: assign ----------------------------------------------------------------------------
    case("client has 45 years, earns 60k, 2 childs, in which seg he goes?", kind="assign",
         attributes={"age": 45, "income": 60000, "children": 2}),
    case("cust of 29 years with income 25000 and 1 kid, which persona fits?", kind="assign",
         attributes={"age": 29, "income": 25000, "children": 1}),
    case("where goes a custumer 62 years, 80k income, no children, phd?", kind="assign",
         attributes={"age": 62, "income": 80000, "children": 0, "education": "PhD"}),

    # -- demo: aggregate -------------------------------------------------------------------------
    case("avg income frugal family?", kind="aggregate", measure="income", stat="mean",
         personas=[3]),
    case("how much customer married with phd", kind="aggregate", measure="customers",
         stat="count", where=[("marital_status", "==", "Married"), ("education", "==", "PhD")]),
    case("how many clients have more than 2 childs", kind="aggregate", measure="customers",
         stat="count", where=[("children", ">", 2)]),
    case("the persons who earn over 50k, which age they have in mean?", kind="aggregate",
         measure="age", stat="mean", where=[("income", ">", 50000)]),
    case("sum of wine spend for the affluent fruit and sweets lovers", kind="aggregate",
         measure="spend_wines", stat="sum", personas=[4]),
    case("pct of cust with phd", kind="aggregate", measure="customers", stat="share",
         where=[("education", "==", "PhD")]),
    case("response rate of ppl who buy on web more than 8 times", kind="aggregate",
         measure="response", stat="rate", where=[("purchases_web", ">", 8)]),
    case("complain rate by marital status", kind="aggregate", measure="complain", stat="rate",
         by=["marital_status"]),
    case("avg income per persona", kind="aggregate", measure="income", stat="mean",
         by=["persona"]),
    case("avg total spend by education, in a chart pls", kind="aggregate",
         measure="total_spend", stat="mean", by=["education"], show="chart"),
    case("how many customer aged 30 to 50?", kind="aggregate", measure="customers",
         stat="count", where=[("age", "between", (30, 50))]),
    case("in the frugal families how many ppl have kids?", kind="aggregate",
         measure="customers", stat="count", personas=[3], where=[("children", ">", 0)]),
    case("of the married clients, which pct has a phd?", kind="aggregate", measure="customers",
         stat="share", where=[("education", "==", "PhD")],
         within=[("marital_status", "==", "Married")]),
    case("among customers without kids, what pct earn more than 70k?", kind="aggregate",
         measure="customers", stat="share", where=[("income", ">", 70000)],
         within=[("children", "==", 0)]),
    case("from the customers with basic education, how much percent are single?",
         kind="aggregate", measure="customers", stat="share",
         where=[("marital_status", "==", "Single")], within=[("education", "==", "Basic")]),
    case("in the gourmets seg, how many pct are divorced?", kind="aggregate",
         measure="customers", stat="share", personas=[5],
         where=[("marital_status", "==", "Divorced")]),
    case("median age for each marital status, as table", kind="aggregate", measure="age",
         stat="median", by=["marital_status"], show="table"),
    case("count of cust who accepted more than 2 campaigns", kind="aggregate",
         measure="customers", stat="count", where=[("campaigns_accepted", ">", 2)]),
    case("which % of customers has complained in the last 2 years?", kind="aggregate",
         measure="complain", stat="rate"),
    case("mean web visits per month of the budget conscious young families",
         kind="aggregate", measure="web_visits_month", stat="mean", personas=[0]),
    case("avg spend in fish of the widows", kind="aggregate", measure="spend_fish",
         stat="mean", where=[("marital_status", "==", "Widow")]),

    # -- demo: rank ------------------------------------------------------------------------------
    case("which persona has highest income?", kind="rank", measure="income", order="desc",
         top=1),
    case("top 3 seg by wine spend", kind="rank", measure="spend_wines", order="desc", top=3),
    case("order the personas from lowest to highest recency", kind="rank",
         measure="recency_days", order="asc"),
    case("which seg has the highest complain rate?", kind="rank", measure="complain",
         order="desc", top=1),
    case("which persona has the biggest share of phd?", kind="rank", measure="customers",
         stat="share", where=[("education", "==", "PhD")], order="desc", top=1),
    case("rank the seg by median income, from high to low", kind="rank", measure="income",
         stat="median", order="desc"),
    case("among clients with income over 50k, which persona buys most on web in avg?",
         kind="rank", measure="purchases_web", where=[("income", ">", 50000)], order="desc",
         top=1),

    # -- demo: compare ---------------------------------------------------------------------------
    case("compare frugal families and deal seeking families", kind="compare",
         personas=[3, 2]),
    case("difference between budget young families and comfortable parents on income and "
         "total spend", kind="compare", personas=[0, 1], measures=["income", "total_spend"]),
    case("customers with kids vs without kids, compare the total spend", kind="compare",
         groups=[[("children", ">", 0)], [("children", "==", 0)]], measures=["total_spend"]),
    case("compare singles and married on avg income", kind="compare",
         groups=[[("marital_status", "==", "Single")], [("marital_status", "==", "Married")]],
         measures=["income"]),

    # -- demo: target / price sensitivity / loyalty / churn / growth -------------------------
    case("which persona i should target for our new wine launch?", kind="target",
         measure="spend_wines"),
    case("for a promo on gold jewelry, which seg to target?", kind="target",
         measure="spend_gold"),
    case("who we target for an offer on fish products", kind="target", measure="spend_fish"),
    case("which persona is the most sensible to price?", kind="price_sensitivity"),
    case("which segment are the most loyal clients?", kind="loyalty"),
    case("which persona has most risk to leave us, churn risk?", kind="churn"),
    case("which segment grow the fastest?", kind="growth"),

    # -- demo: decline ---------------------------------------------------------------------------
    case("who is the richest client?", kind="decline"),
    case("income of customer 5524", kind="decline"),
    case("std dev of income in frugal families", kind="decline"),
    case("correlation between income and wine spend", kind="decline"),
    case("90 percentile of total spend", kind="decline"),
    case("how the spend evolved in the last 12 months?", kind="decline"),
    case("forecast nb of customers next year per seg", kind="decline"),
    case("how many customers per region", kind="decline"),
    case("avg income of the women", kind="decline"),
    case("give me list of all customers with phd and their names", kind="decline"),
    case("avg income of married customers who live in berlin", kind="decline"),

    # -- mall: list / help / describe / campaign / draft / assign ------------------------------
    case("what segments are in the mall data?", M, kind="list"),
    case("hello! what can you do", M, kind="help"),
    case("describe young high spenders", M, kind="describe", personas=[3]),
    case("who are the mostly female customers?", M, kind="describe", personas=[0]),
    case("campaign ideas for high income low spenders", M, kind="campaign", personas=[1]),
    case("how we can activate the older low spenders, give me campaign ideas", M,
         kind="campaign", personas=[2]),
    case("write email subject for young high spender", M, kind="draft", personas=[3]),
    case("redact a short message to the mostly female customers", M, kind="draft",
         personas=[0]),
    case("a woman 25 years, 40k income, spending score 80, which persona?", M, kind="assign",
         attributes={"gender": "Female", "age": 25, INC_K: 40, SCORE: 80}),
    case("man of 55, earns 90k$, score 20, in which seg he is?", M, kind="assign",
         attributes={"gender": "Male", "age": 55, INC_K: 90, SCORE: 20}),

    # -- mall: aggregate -------------------------------------------------------------------------
    case("avg income of young high spenders", M, kind="aggregate", measure=INC_K,
         stat="mean", personas=[3]),
    case("median spending score of the men", M, kind="aggregate", measure=SCORE,
         stat="median", where=[("gender", "==", "Male")]),
    case("how many women in the data?", M, kind="aggregate", measure="customers",
         stat="count", where=[("gender", "==", "Female")]),
    case("pct of customers under 30", M, kind="aggregate", measure="customers", stat="share",
         where=[("age", "<", 30)]),
    case("avg age by gender", M, kind="aggregate", measure="age", stat="mean", by=["gender"]),
    case("avg spending score per persona", M, kind="aggregate", measure=SCORE, stat="mean",
         by=["persona"]),
    case("how many ppl earn more than 70k and have score under 40?", M, kind="aggregate",
         measure="customers", stat="count",
         where=[(INC_K, ">", 70), (SCORE, "<", 40)]),
    case("among the women, which pct has spending score over 60?", M, kind="aggregate",
         measure="customers", stat="share", where=[(SCORE, ">", 60)],
         within=[("gender", "==", "Female")]),
    case("of customers aged 30 to 50, how much percent are male?", M, kind="aggregate",
         measure="customers", stat="share", where=[("gender", "==", "Male")],
         within=[("age", "between", (30, 50))]),
    case("mean income of ppl aged 30 to 50", M, kind="aggregate", measure=INC_K,
         stat="mean", where=[("age", "between", (30, 50))]),
    case("how many men in the high income low spender seg?", M, kind="aggregate",
         measure="customers", stat="count", personas=[1], where=[("gender", "==", "Male")]),
    case("avg score by gender, as chart", M, kind="aggregate", measure=SCORE, stat="mean",
         by=["gender"], show="chart"),

    # -- mall: rank ------------------------------------------------------------------------------
    case("which persona has highest spending score", M, kind="rank", measure=SCORE,
         order="desc", top=1),
    case("sort personas by avg age, youngest first", M, kind="rank", measure="age",
         order="asc"),
    case("which seg have the biggest pct of women?", M, kind="rank", measure="customers",
         stat="share", where=[("gender", "==", "Female")], order="desc", top=1),
    case("top 2 persona by income", M, kind="rank", measure=INC_K, order="desc", top=2),
    case("which persona has lowest median income?", M, kind="rank", measure=INC_K,
         stat="median", order="asc", top=1),

    # -- mall: compare / target / growth ---------------------------------------------------------
    case("compare young high spenders with older low spenders", M, kind="compare",
         personas=[3, 2]),
    case("men vs women on spending score", M, kind="compare",
         groups=[[("gender", "==", "Male")], [("gender", "==", "Female")]], measures=[SCORE]),
    case("compare high income low spenders and mostly female cust on income and score", M,
         kind="compare", personas=[1, 0], measures=[INC_K, SCORE]),
    case("new luxury fashion line, which segment we should target?", M, kind="target"),
    case("which seg grows the most in the mall?", M, kind="growth"),

    # -- mall: decline ---------------------------------------------------------------------------
    case("avg spending score of the women with kids", M, kind="decline"),
    case("avg wine spend of mostly female customers", M, kind="decline"),
    case("which persona buy the most online?", M, kind="decline"),
    case("response rate to last campaign of the older low spenders", M, kind="decline"),
    case("how many complains we had in mall data?", M, kind="decline"),
    case("pct of married ppl in the high income low spenders", M, kind="decline"),
    case("avg income of cust with university degree", M, kind="decline"),
    case("the oldest customer in the mall, what age he has?", M, kind="decline"),
    case("correlation between age and spending score", M, kind="decline"),
    case("spending score of customer id 17", M, kind="decline"),
]
# fmt: on
