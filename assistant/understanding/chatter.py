"""Words a question may hold that carry no slot of their own (function words, polite
phrases, the names of things the reader already knows from other cues): the offline reader
does not count them as unread."""

from __future__ import annotations

__all__ = ["CHATTER", "CONTENT", "NEGATIONS", "QUALIFIERS", "SHORTHAND"]

CHATTER = frozenset(
    """
a an the of is are was were be been being am do does did doing have has had having i me my we
our us you your it its they them their this that these those what which who whom whose how
why when where there here please pls can could would should will shall may might must let
tell show give get find list see know want need like just also really actually quick quickly
some any all each every per and or but if so than then too very much many more most less
least few fewer lot lots of to in on at by for with from about into over under as up out
hey hi hello thanks thank ok okay team boss report deck slide meeting newsletter planning
q1 q2 q3 q4 quarter exec brief help me out looking whats what's im i'm figure number numbers
one ones kind sort type data our customer customers people folks person someone shoppers
buyers clients client segment segments persona personas group groups cluster clusters
s re m ve ll d
across among amongst between overall whole entire everyone everybody anyone anything
something nothing total combined altogether across first last next again still already
ever often usually typically typical avg average mean median sum share percent percentage
proportion fraction ratio rate rates split broken breakdown down cross tab crosstab
plot chart graph bar pie visualise visualize table tabulate side view compare comparison
versus vs against differ difference different differences between rank ranking ranked
order ordered sort sorted top bottom best worst highest lowest most least biggest largest
smallest richest poorest oldest youngest often frequently rarely seldom
make makes made put go after pick choose send sending sent target targeting reach pitch
launch launching offer offers promotion promotions promo promos mailing mail email emails
campaign campaigns audience interested interest line new premium luxury product
products item items club membership subscription box gift gifts organic holiday holidays
season seasonal sale sales selling sell sold buy buying bought purchase purchased shop
shopped shopping joined join signed sign became become members member tenure loyal
loyalty longer longest since ago recently recent lately inactive lapsed lapsing leave
leaving lose losing churn churning risk likely about going stop stopped status whether
info information details detail portrait summary overview profile picture quick short
dashboard model review mid year years month months week weeks day days time times
dollars dollar usd euros euro pounds bucks grand
crowd bunch stuff got explain context provide options both full set board manager managers
agency procurement chat through putting own hold holders amount terms contrast exactly
actually basically roughly approximately currently right now today aged earning earn earns
earned making makes look looking hav only just else descending ascending nutshell tick try
concept concepts around mailer hunt hunts hunting chase chases
chasing paint picture portrait shopper buyer wondering wonder maybe perhaps possibly kindly
curious trouble ballpark fine totally sure place rough roughly sorry silly hoping hope because
honestly helpful fancy probably pretty rush supplier suppliers mind sense feeling think guess
conversation question asking ask keeps lately seems seem within speaking idea living use uses
using used visited visit visiting website site sites
households household home homes family families
he she him her goes belongs belong fits fit fall falls land lands place placed rest others
mall malls
pull pulled rundown workshop workshops programme programmes program programs call calls hour
hours enrolled enrolment enrollment account accounts summed averaged rather instead targeted
skew skews skewed index indexes indexing vip vips asked export centre center housekeeping crm
cohort cohorts added adding far together wise bit mentioning mention mentioned monthly shld qtr
real lean hardest flag quite educated opportunity opportunities carry carries wide record
""".split()
)

# Words that name an attribute of a customer. Known or not, one the reading did not use is
# unread: "how many female customers" on a table with no gender column must not become "how
# many customers".
CONTENT = frozenset(
    """
kids kid children child teens teenagers teen babies baby toddlers partner partners married
single singles divorced widowed widow widows couples couple male males female females men
women man woman gender sex income incomes salary salaries earnings wine wines meat fish fruit
fruits sweets gold jewellery jewelry age ages education degree degrees phd phds complain
complained complaint complaints complainers region regions city cities country countries
state states postcode zip response responses respond responded responders
""".split()
)

# Shorthand marketers type, read as the words they stand for.
SHORTHAND = {
    "abt": "about", "pct": "percent", "ppl": "people", "w": "with", "wo": "without",
    "yr": "year", "yrs": "years", "yo": "year old", "avg": "average", "approx": "about",
    "num": "number", "nbr": "number", "tot": "total", "comfy": "comfortable", "thx": "thanks",
    "pls": "please", "plz": "please", "u": "you", "ur": "your", "cust": "customers",
    "custs": "customers", "hh": "households", "hhs": "households", "mo": "month",
    "mos": "months", "wk": "week", "wks": "weeks", "fams": "families", "wich": "which",
    "hw": "how", "r": "are", "whats": "what is", "hows": "how is", "yearly": "annual",
    "scoring": "score", "signup": "customer", "signups": "customers", "seg": "segment",
    "segs": "segments", "childs": "children", "childrens": "children", "penetration": "share",
    "grp": "group", "grps": "groups", "shd": "should", "excl": "excluding", "incl": "including",
}  # fmt: skip

# Words that turn a condition around: never corrected, and never ignored - one the reading did
# not use makes it decline.
NEGATIONS = frozenset("not no never none nobody without except excluding neither nor".split())

# Qualifiers of a product, channel or time the tables do not record ("organic wine", "online
# purchases on mobile", "spend at weekends"): in a figure they are never ignored.
QUALIFIERS = frozenset(
    """
premium luxury organic vegan imported local seasonal holiday holidays christmas easter summer
winter spring autumn fall weekend weekends weekday weekdays morning evening night mobile app
android iphone ios tablet desktop january february march april may june july august
september october november december whatsapp sms
""".split()
)
