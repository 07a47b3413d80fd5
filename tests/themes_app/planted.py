"""Personal details planted in test answers."""

# Planted personal details: none of these strings may appear in any page, export or API output.
PLANTED = {
    "Call me on 07700 900123 about the lights, better lighting at the bus stop": ["07700 900123"],
    "email jo.bloggs@example.com, more staff on the platforms": ["jo.bloggs@example.com", "jo.bloggs"],
    "I live at L1 8JQ and the stop is pitch dark at night": ["L1 8JQ"],
    "The driver Dave Smith ignored groups of drunk lads shouting": ["Dave", "Smith"],
    "My name is Priya Patel, cameras on the top deck please": ["Priya", "Patel"],
    "More staff at the station after 8pm. Thanks, Sarah": ["Sarah"],
    "My car AB12 CDE was broken into, cctv that actually works please": ["AB12 CDE"],
    "staff no 448213 here, a guard on every train please, ext 4521": ["448213", "4521"],
    "I live at 14 Oakfield Road and the underpass has no lights": ["14 Oakfield Road", "Oakfield"],
    "more staff on the platforms - Chidi Okafor": ["Chidi", "Okafor"],
}
SECRETS = [s for values in PLANTED.values() for s in values]
