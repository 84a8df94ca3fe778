"""The course palette: Okabe–Ito, safe for the common forms of colour blindness."""

OKABE_ITO = {
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
    "black": "#000000",
}
SEQUENCE = [OKABE_ITO[name] for name in
            ("blue", "orange", "bluish green", "vermillion", "sky blue", "reddish purple",
             "yellow", "black")]

# Darker shades of three Okabe–Ito hues, for lines that must stand out at 3:1 or more against
# a highlight's tinted background (WCAG 1.4.11; tests/test_a11y_blocks.py computes each one).
INK = {"bluish green": "#008863", "reddish purple": "#AF6890", "orange": "#AA7600"}

# Highlights differ by line style as well as colour, so no one needs colour to tell them apart.
# Screen readers hear each mark's kind as text (newscase.text.highlight, HIGHLIGHT_NAMES).
HIGHLIGHT_STYLES = {
    "actor": "background:#56B4E933;border-bottom:2px solid #0072B2;color:inherit",
    "hedge": "background:#E69F0033;border-bottom:2px dotted #D55E00;color:inherit",
    "quote": "background:#CC79A722;font-style:italic;color:inherit",
    "evidence": "background:#009E7326;border-left:3px solid #008863;color:inherit",
    # Timeline: solid = dated close to the day; dashed = open-ended dates that may include it.
    "when": "background:#009E7333;border-bottom:2px solid #008863;color:inherit",
    "when-open": "background:#009E7314;border-bottom:2px dashed #008863;color:inherit",
    # Escalation debate: claim types differ by underline style as well as colour.
    "claim-fact": "background:#0072B21A;border-bottom:2px solid #0072B2;color:inherit",
    "claim-prediction": "background:#009E731F;border-bottom:2px dashed #008863;color:inherit",
    "claim-opinion": "background:#CC79A722;border-bottom:3px dotted #AF6890;color:inherit",
    "claim-threat": "background:#D55E0026;border-bottom:4px double #D55E00;color:inherit",
    "claim-warning": "background:#E69F0026;border-top:2px solid #AA7600;"
                     "border-bottom:2px solid #AA7600;color:inherit",
    "claim-conditional": "background:#F0E44240;border-bottom:2px dashed #000000;color:inherit",
    "attribution": "background:#0000000D;outline:1px dashed #000000;font-weight:bold;"
                   "color:inherit",
}

# What each kind of highlight is, in words: read before each mark by screen readers.
HIGHLIGHT_NAMES = {
    "actor": "actor", "hedge": "hedge word", "quote": "quote", "evidence": "evidence",
    "when": "dated on or close to the day", "when-open": "open-ended date",
    "claim-fact": "fact", "claim-prediction": "prediction", "claim-opinion": "opinion",
    "claim-threat": "threat", "claim-warning": "warning", "claim-conditional": "conditional",
    "attribution": "attribution",
}
