"""Common UK first names, used by ``redact`` only in name-like positions.

Names that are also everyday English words or months (Will, May, Mark, Hope,
Grace, Joy, Rose, Bill, Sky...) are left out on purpose: they would be redacted
from ordinary sentences, and cue-based rules ("my name is", "driver ...") still
catch them when they really are names.
"""

_NAMES = """
    aaron abdul abigail adam adrian ahmed aidan aisha alan alex alexander alfie ali
    alice alison amanda amelia amir amy andrea andrew andy angela ann anna anne
    annie anthony archie arthur ashley barbara barry ben benjamin beth bethany
    beverley brenda brian callum cameron carl carol caroline catherine charlie
    charlotte chloe chris christine christopher claire colin connor craig daisy
    daniel danny darren dave david dean debbie deborah denise derek diane donna
    dorothy dylan edward eileen elaine eleanor elizabeth ella ellie emily emma
    eric ethan evie fatima fiona florence frances freya gareth gary gemma george
    georgia gillian graham hannah harry harriet harvey hassan hayley heather helen
    henry holly ian imran isabella isla isaac jack jackie jacob jacqueline james
    jamie jane janet jasmine jason jayden jean jennifer jenny jessica joanne joe
    john jonathan joseph josh joshua joyce judith julie karen kate katie kayleigh
    keith kelly kevin kieran kirsty laura lauren leah lee leo lewis liam lily
    linda lisa logan louise lucy luke lynn maisie malcolm margaret maria marie
    martin mary matthew megan melanie mia michael michelle mohammed muhammad
    nadia natalie nathan neil nicholas nicola nigel noah oliver olivia oscar owen
    pamela patricia paul pauline peter philip phoebe priya rachel rebecca richard
    robert ryan sally samantha samuel sandra sarah scott sean shannon sharon
    sheila shirley simon sophie stacey stephanie stephen steve steven stuart
    susan suzanne tanya teresa theo thomas tom tony tracey tracy trevor valerie
    vicky victoria wayne wendy william yasmin zara zoe
    abbie abi adele aimee alfred alicia anita arjun asha bilal bradley brandon bryony
    caitlin carla carly cerys chantelle ciara ciaran clare cody courtney damian demi
    dominic elliot elliott faisal farah francesca gavin gordon hamza hussain ibrahim irene
    jake jasmin jeff jemma jodie josephine julia katherine kathleen kathryn kayla keira
    kenneth kerry khalid kim kyle leanne leon lesley leslie lindsay lorraine lydia lynne
    marcus maureen maya mohamed molly naomi nasir niamh nicole nina omar oskar patrick
    piotr rachael rhys ricky rita robbie rory ross ruth sadia saima samir sanjay sara shaun
    siobhan sonia sylvia tariq terry thea tina toby tomasz usman vanessa vincent yusuf zain
    zainab jo jon sam dan phil pete becky sian bernie brendan kenny stevie danni abdullah
    ade kwame emeka tunde ngozi amara zeynep anya katarzyna magda jakub krzysztof ewa
    oliwia mateusz adebayo olu segun funmi chinedu abdi hodan mustafa tahir kamal reza
    dariusz andrzej ioana mihai bogdan elena mehmet emre lukasz paula debra lynda joan
    sandeep rajesh deepak anjali sunita gurpreet harpreet jaspreet kavita ravi vikram
    """
FIRST_NAMES = frozenset(_NAMES.split())
