"""Dev part 16: store staff and a finance person typing short questions on their phones
(lowercase, typos, abbreviations such as avg, #, %, k, ppl, cust, missing words, numbers
sometimes in words), mostly on the shop and mall models. Written from the spec only
(notes/bank_spec.md, notes/bank_facts.md) by a helper who never saw the reader's rules or
any other bank; used to tune the reader.

Persona ids relied on:
  shop: 0 Young Low-Income Low-Spenders, 1 Older High-Income Customers,
        2 Frequent High-Spenders.
  mall: 0 Mostly Female Customers, 1 High-Income Low-Spenders, 2 Older Low-Spenders,
        3 Young High-Spenders.
  demo: 0 Budget-Conscious Young Families, 1 Comfortable Parents of Teens, 2 Deal-Seeking
        Families, 3 Frugal Families, 4 Affluent Fruit & Sweets Lovers, 5 Campaign-Responsive
        Meat & Fish Gourmets.
Metric keys relied on:
  shop: age, annual_income, total_spend, visits_per_month; dimension region (North, South,
        West, East). No children, channels, campaigns, responses, dates or gender.
  mall: age, annual_income_k (thousands), spending_score_1_100; dimension gender (Male,
        Female). No children, spend categories, channels, campaigns, dates or education.
  demo: income, age, children, total_spend, spend_wines, spend_meat, purchases_deals,
        web_visits_month, campaigns_accepted; yes/no response; dimensions education,
        marital_status. No region or gender.
"""

from tests._reading import case

__all__ = ["CASES"]

S = "shop"
M = "mall"

# fmt: off
CASES = [
    # -- shop: aggregates ----------------------------------------------------------------------
    case("avg income west?", S, kind="aggregate", measure="annual_income", stat="mean",
         where=[("region", "==", "West")]),
    case("median spend north cust", S, kind="aggregate", measure="total_spend", stat="median",
         where=[("region", "==", "North")]),
    case("how many cust in the south", S, kind="aggregate", measure="customers", stat="count",
         where=[("region", "==", "South")]),
    case("% of cust from west", S, kind="aggregate", measure="customers", stat="share",
         where=[("region", "==", "West")]),
    case("what % of ppl over sixty are in the west", S, kind="aggregate", measure="customers",
         stat="share", where=[("region", "==", "West")], within=[("age", ">", 60)]),
    case("avg age by persona", S, kind="aggregate", measure="age", stat="mean",
         by=["persona"]),
    case("avg spend by region pls", S, kind="aggregate", measure="total_spend", stat="mean",
         by=["region"]),
    case("# cust per region", S, kind="aggregate", measure="customers", stat="count",
         by=["region"]),
    case("avg income of cust aged 30 to 50", S, kind="aggregate", measure="annual_income",
         stat="mean", where=[("age", "between", (30, 50))]),
    case("how many cust r not in north", S, kind="aggregate", measure="customers",
         stat="count", where=[("region", "!=", "North")]),
    case("median income ppl who visit more than 5x a month", S, kind="aggregate",
         measure="annual_income", stat="median", where=[("visits_per_month", ">", 5)]),
    case("# of frequent high spenders in the south", S, kind="aggregate",
         measure="customers", stat="count", personas=[2], where=[("region", "==", "South")]),
    case("what % of the older high income grp is from west", S, kind="aggregate",
         measure="customers", stat="share", personas=[1], where=[("region", "==", "West")]),
    case("total spend frequent high spenders combined", S, kind="aggregate",
         measure="total_spend", stat="sum", personas=[2]),
    case("avg age of cust earning over 80k", S, kind="aggregate", measure="age", stat="mean",
         where=[("annual_income", ">", 80000)]),
    # -- shop: rankings and comparisons --------------------------------------------------------
    case("which persona has the highest avg spend", S, kind="rank", measure="total_spend",
         order="desc", top=1),
    case("bottom two personas by visits/month", S, kind="rank", measure="visits_per_month",
         order="asc", top=2),
    case("which persona has highest avg spend among east cust", S, kind="rank",
         measure="total_spend", order="desc", top=1, where=[("region", "==", "East")]),
    case("which persona has the highest % of cust from the west", S, kind="rank",
         measure="customers", stat="share", order="desc", top=1,
         where=[("region", "==", "West")]),
    case("compare young low spenders vs frequent high spenders", S, kind="compare",
         personas=[0, 2]),
    case("older high income vs frequent high spenders on spend and visits", S,
         kind="compare", personas=[1, 2], measures=["total_spend", "visits_per_month"]),
    case("compare north cust w south cust on avg spend", S, kind="compare",
         groups=[[("region", "==", "North")], [("region", "==", "South")]],
         measures=["total_spend"]),
    # -- shop: personas and tools --------------------------------------------------------------
    case("describe the older high income persona", S, kind="describe", personas=[1]),
    case("campaign ideas for young low spenders?", S, kind="campaign", personas=[0]),
    case("write a short promo txt for the frequent high spenders", S, kind="draft",
         personas=[2]),
    case("which persona is a 52 yo earning 85k, 3 visits a month", S, kind="assign",
         attributes={"age": 52, "annual_income": 85000, "visits_per_month": 3}),
    case("who shd we target w a premium gift box offer", S, kind="target"),
    case("hi what can u do", S, kind="help"),
    # -- shop: declines ------------------------------------------------------------------------
    case("avg # of kids per persona", S, kind="decline"),
    case("which channel do north cust buy thru most", S, kind="decline"),
    case("response rate last campaign by region", S, kind="decline"),
    case("spend by month this yr", S, kind="decline"),
    case("% women in the west", S, kind="decline"),
    case("top 10 cust by spend w their ids", S, kind="decline"),
    case("avg spend north or east", S, kind="decline"),

    # -- mall: aggregates ----------------------------------------------------------------------
    case("avg income women", M, kind="aggregate", measure="annual_income_k", stat="mean",
         where=[("gender", "==", "Female")]),
    case("what % of women r over 40", M, kind="aggregate", measure="customers", stat="share",
         where=[("age", ">", 40)], within=[("gender", "==", "Female")]),
    case("% of cust male", M, kind="aggregate", measure="customers", stat="share",
         where=[("gender", "==", "Male")]),
    case("median spending score men under 30", M, kind="aggregate",
         measure="spending_score_1_100", stat="median",
         where=[("gender", "==", "Male"), ("age", "<", 30)]),
    case("avg score by gender", M, kind="aggregate", measure="spending_score_1_100",
         stat="mean", by=["gender"]),
    case("avg age per persona", M, kind="aggregate", measure="age", stat="mean",
         by=["persona"]),
    case("how many cust aged 18 to 25", M, kind="aggregate", measure="customers",
         stat="count", where=[("age", "between", (18, 25))]),
    case("# ppl w income above 100k", M, kind="aggregate", measure="customers", stat="count",
         where=[("annual_income_k", ">", 100)]),
    case("avg age excl. females", M, kind="aggregate", measure="age", stat="mean",
         where=[("gender", "!=", "Female")]),
    case("total annual income of the high income low spenders", M, kind="aggregate",
         measure="annual_income_k", stat="sum", personas=[1]),
    case("share of older low spenders who are men", M, kind="aggregate", measure="customers",
         stat="share", personas=[2], where=[("gender", "==", "Male")]),
    case("avg age cust w score between 40 and 60", M, kind="aggregate", measure="age",
         stat="mean", where=[("spending_score_1_100", "between", (40, 60))]),
    # -- mall: rankings and comparisons --------------------------------------------------------
    case("which persona is youngest on avg", M, kind="rank", measure="age", order="asc",
         top=1),
    case("bottom 2 personas by spending score", M, kind="rank",
         measure="spending_score_1_100", order="asc", top=2),
    case("top three personas by avg income", M, kind="rank", measure="annual_income_k",
         order="desc", top=3),
    case("compare young high spenders vs older low spenders", M, kind="compare",
         personas=[3, 2]),
    case("compare cust under 30 w cust 50 and over on spending score", M, kind="compare",
         groups=[[("age", "<", 30)], [("age", ">=", 50)]],
         measures=["spending_score_1_100"]),
    # -- mall: personas and tools --------------------------------------------------------------
    case("what personas do we have", M, kind="list"),
    case("describe the rich low spenders", M, kind="describe", personas=[1]),
    case("campaign idea for the mostly female grp", M, kind="campaign", personas=[0]),
    case("draft an email subject line for young high spenders", M, kind="draft",
         personas=[3]),
    case("which seg is a 23 yo w 30k income and score 80", M, kind="assign",
         attributes={"age": 23, "annual_income_k": 30, "spending_score_1_100": 80}),
    case("who to target for a luxury handbag launch", M, kind="target"),
    # -- mall: declines ------------------------------------------------------------------------
    case("how many kids do young high spenders have", M, kind="decline"),
    case("avg spend by channel", M, kind="decline"),
    case("how has avg score changed over the last yr", M, kind="decline"),
    case("list all female cust over 60", M, kind="decline"),
    case("std dev of age", M, kind="decline"),
    case("avg score ppl under 25 or over 60", M, kind="decline"),
    case("whats the income of cust #17", M, kind="decline"),

    # -- demo: aggregates ----------------------------------------------------------------------
    case("avg income married cust", kind="aggregate", measure="income", stat="mean",
         where=[("marital_status", "==", "Married")]),
    case("% w phd among single ppl", kind="aggregate", measure="customers", stat="share",
         where=[("education", "==", "PhD")], within=[("marital_status", "==", "Single")]),
    case("response rate for cust with kids", kind="aggregate", measure="response",
         stat="rate", where=[("children", ">", 0)]),
    case("median wine spend frugal families", kind="aggregate", measure="spend_wines",
         stat="median", personas=[3]),
    case("total meat spend by persona", kind="aggregate", measure="spend_meat", stat="sum",
         by=["persona"]),
    case("avg income cust aged forty to fifty", kind="aggregate", measure="income",
         stat="mean", where=[("age", "between", (40, 50))]),
    case("# divorced cust w income under 30k", kind="aggregate", measure="customers",
         stat="count",
         where=[("marital_status", "==", "Divorced"), ("income", "<", 30000)]),
    case("avg web visits/month, everyone except married", kind="aggregate",
         measure="web_visits_month", stat="mean",
         where=[("marital_status", "!=", "Married")]),
    case("% of cust who accepted 2 or more campaigns", kind="aggregate",
         measure="customers", stat="share", where=[("campaigns_accepted", ">=", 2)]),
    # -- demo: rankings and comparisons --------------------------------------------------------
    case("which persona makes the most deal purchases", kind="rank",
         measure="purchases_deals", order="desc", top=1),
    case("bottom 3 personas by total spend", kind="rank", measure="total_spend", order="asc",
         top=3),
    case("compare persona 4 and 5 on wine and meat", kind="compare", personas=[4, 5],
         measures=["spend_wines", "spend_meat"]),
    case("avg spend, cust w kids vs no kids", kind="compare",
         groups=[[("children", ">", 0)], [("children", "==", 0)]], measures=["total_spend"]),
    # -- demo: personas and tools --------------------------------------------------------------
    case("describe the deal seekers", kind="describe", personas=[2]),
    case("campaign for comfortable parents of teens", kind="campaign", personas=[1]),
    case("draft an sms for the meat & fish gourmets", kind="draft", personas=[5]),
    case("which persona fits a 40 yo w 60k income and 1 kid", kind="assign",
         attributes={"age": 40, "income": 60000, "children": 1}),
    case("who to target for our new wine launch", kind="target", measure="spend_wines"),
    case("hello what can this do", kind="help"),
    # -- demo: declines ------------------------------------------------------------------------
    case("avg spend by region", kind="decline"),
    case("% male cust", kind="decline"),
    case("correlation income vs wine spend", kind="decline"),
    case("forecast next yr revenue", kind="decline"),
    case("what would happen to response if we cut prices", kind="decline"),
    case("highest income of any single cust", kind="decline"),
]
# fmt: on
