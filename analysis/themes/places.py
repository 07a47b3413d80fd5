"""Merseyside and Liverpool City Region place and street names: never names.

Residents name where things happen ("the stop on Bold Street", "the 10 to Kirkby",
"thanks from Huyton"). Several of these are also surnames or first names (Walton,
Stanley, Victoria), so ``redact`` checks this list before calling a word a name.
Streets need no list: a word before a street suffix ("Victoria Street", "Derby Road") is
never a name either. A house number in front of a street is still redacted as an address.
"""

_PLACES = """
    liverpool knowsley sefton wirral halton merseyside lcr
    kirkby bootle huyton prescot whiston birkenhead wallasey southport formby crosby
    halewood speke garston aigburth allerton woolton wavertree toxteth dingle everton
    anfield kensington fazakerley walton croxteth netherton maghull litherland seaforth
    waterloo rainhill haydock eccleston moreton hoylake heswall bebington bromborough
    tranmere liscard seacombe ainsdale birkdale widnes runcorn aintree kirkdale
    tuebrook clubmoor gateacre childwall stoneycroft broadgreen norris vauxhall
    everton belle vale knotty ash mossley sefton hunts cross parkway moorfields
    sandhills orrell thatto newton billinge cronton tarbuck netherley hale ditton
    hoylake meols greasby upton woodchurch prenton oxton claughton bidston leasowe
    eastham ellesmere hightown lydiate melling bowring stockbridge cantril page moss
    picton smithdown otterspool baltic ropewalks tithebarn whitechapel chavasse
    sheil knowsley kirkby belle vale
"""
PLACE_WORDS = frozenset(_PLACES.split())

STREET_SUFFIXES = frozenset(["street", "st", "road", "rd", "avenue", "ave", "lane", "ln", "drive", "dr", "close", "crescent", "cres", "way", "grove", "gr", "place", "pl", "terrace", "tce", "court", "ct", "gardens", "gdns", "walk", "view", "hill", "park", "square", "sq", "row", "mews", "parade", "boulevard", "approach", "rise", "green"])

# Local institutions and landmarks that read as a first name and surname.
NEVER_NAME_PHRASES = frozenset({
    "john lewis", "john lewis's", "john moores", "john lennon", "alder hey", "st helens",
    "st johns", "st john's", "st james", "st georges", "st george's", "william brown",
    "lewis's", "mathew street", "queen square", "sefton park", "old swan", "knotty ash",
    "norris green", "belle vale", "page moss", "hunts cross", "rock ferry", "new brighton",
    "west kirby", "mossley hill", "edge hill", "edge lane", "lime street", "pier head",
})
