"""Tables the structure finder uses: the formulas of French and English letters.

Data only, no logic. Patterns are compiled case-insensitively by
``structure/``; they describe letter conventions, never one sample's words.
"""

from __future__ import annotations

# Greeting that opens the body ("Monsieur le Président,", "Dear Ms Smith,").
SALUTATION = (
    r"(?:madame|monsieur|mesdames|messieurs|mademoiselle|cher|chère|chers|chères|"
    r"bonjour|bonsoir|salut|dear|hello|hi|to whom it may concern)\b"
)

# Courtesy formula that closes the letter.
CLOSING = (
    r"(?:je vous prie d['’]agréer|veuillez agréer|nous vous prions d['’]agréer|"
    r"je vous prie de (?:bien vouloir )?(?:croire|recevoir)|veuillez (?:croire|recevoir)|"
    r"recevez,? |croyez,? |je vous adresse(?:, [^,]+,)? (?:mes|nos) (?:sincères |respectueuses |meilleures )?salutations|"
    r"nous vous adressons|(?:bien |très )?cordialement|bien à vous|avec mes salutations|"
    r"salutations (?:distinguées|respectueuses|cordiales)|"
    r"yours sincerely|yours faithfully|yours truly|sincerely(?: yours)?|"
    r"(?:kind|best|warm|warmest|with best|with kind) regards|regards,|(?:with )?(?:very )?(?:best|warm|warmest) wishes|"
    r"respectfully(?: yours)?|with thanks|many thanks,|cheers,|all the best|best,|yours,|"
    r"(?:sincères|meilleures|cordiales) salutations|amicalement|bien à toi|à bientôt,|"
    r"bonne (?:soirée|journée|fin de journée|semaine),)"
)

SUBJECT = r"(?:objet|object|subject|re|concerne|ref|réf)\s*:\s*"

RECIPIENT_LEAD = (
    r"(?:[àa] l['’]attention de|[àa]\s*:|destinataire\s*:|to\s*:|for the attention of|"
    r"attn\.?:?|attention\s*:|[àa]\s+(?=(?:monsieur|madame|mademoiselle|m\.|mme|mlle|maître|me|dr)\s)|"
    r"[àa]\s+l['’](?=[A-ZÀ-Ý])|[àa]\s+(?=(?:la|le|les)\s+[A-ZÀ-Ý]))\s*"
)

CIVILITY = r"(?:monsieur|madame|mademoiselle|m\.|mme|mlle|mr\.?|mrs\.?|ms\.?|miss|dr\.?|docteur|maître|me|prof\.?)"

# Phrases that mark the end of the argument: what follows the list is a conclusion.
CONCLUSION_CUES = (
    r"(?:en conclusion|pour conclure|enfin|je reste à votre disposition|nous restons à votre disposition|"
    r"n['’]hésitez pas|si (?:les|nos|vos) [\wÀ-ÿ]+ nous (?:font|accordent) confiance|"
    r"in conclusion|to conclude|finally|i (?:remain|am) at your disposal|please do not hesitate|"
    r"i look forward|we look forward|thank you|merci)"
)

# "Premièrement", "First," ... : ordinal words that number items.
ORDINALS = {
    "fr": (
        "premièrement", "deuxièmement", "troisièmement", "quatrièmement", "cinquièmement",
        "sixièmement", "septièmement", "huitièmement", "neuvièmement", "dixièmement",
    ),
    "en": (
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    ),
    "en2": (
        "firstly", "secondly", "thirdly", "fourthly", "fifthly", "sixthly", "seventhly", "eighthly",
        "ninthly", "tenthly",
    ),
}

# Words that introduce a numbered item: "Engagement 1 :", "Proposal 2 -", "Question 3."
ITEM_NOUNS = (
    r"(?:engagement|proposition|priorité|axe|point|mesure|objectif|question|réponse|"
    r"commitment|pledge|proposal|priority|point|measure|goal|question|answer)"
)

QUESTION_PREFIX = r"(?:votre question|your question|question posée|question|q)\s*(?:n[°o]\s*)?\d*\s*[.:)–-]?\s*"
ANSWER_PREFIX = r"(?:notre réponse|ma réponse|our answer|my answer|our response|réponse|reponse|answer|r|a)\s*\d*\s*[.:)–-]\s*"

# Function words: a title never ends on one, and a body often starts with one.
FUNCTION_WORDS = {
    "fr": frozenset(
        "le la les l un une des du de d à au aux et ou en dans sur sous pour par avec sans chez vers "
        "entre ce cet cette ces son sa ses leur leurs notre nos votre vos mon ma mes que qui dont où "
        "ne pas plus très mais donc or ni car si".split()
    ),
    "en": frozenset(
        "the a an and or of to in on for with by at from into our your their its his her my this that "
        "these those as than but so nor if we you they".split()
    ),
}

# Frequent words that start a sentence: a capitalised one inside a line starts the body.
SENTENCE_STARTERS = {
    "fr": frozenset(
        "nous je il elle ils elles on la le les l un une des ce cette ces notre nos votre vos mon ma "
        "mes pour dans en avec face depuis afin si par c ainsi aujourd nos cela il y voici trop tous "
        "chaque au aux sur lors".split()
    ),
    "en": frozenset(
        "we i it they he she the a an this these our my your to in with for by since as if there "
        "today every each all at on".split()
    ),
}

MONTHS = {
    "fr": (
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
        "octobre", "novembre", "décembre", "janv", "févr", "fév", "avr", "juil", "sept", "oct",
        "nov", "déc", "fevrier", "aout", "decembre",
    ),
    "en": (
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec",
    ),
}

BULLETS = "•●▪■◦‣–—-*·○"

# Headings that frame the letter rather than state a commitment ("Notre vision", "Background").
FRAME_HEADINGS = (
    r"(?:(?:notre|la|le|nos|our|the)\s+)?(?:vision|contexte|context|background|constat|diagnostic|"
    r"méthode|methode|method|approach|approche|démarche|introduction|préambule|preamble|"
    r"how we will [\w ]+|comment nous [\w ]+|en résumé|in summary|summary|pourquoi [\w ]+|why [\w ]+)"
)

# An ordinal heading on its own line ("PREMIÈRE PROPOSITION", "First pledge"): the title follows.
ORDINAL_HEADING = (
    r"(?:premi[eè]re?|deuxi[eè]me|troisi[eè]me|quatri[eè]me|cinqui[eè]me|sixi[eè]me|second|seconde|"
    r"first|second|third|fourth|fifth|sixth)\s+"
    r"(?:proposition|engagement|priorité|mesure|axe|point|objectif|pledge|proposal|commitment|priority|promise|point)"
)

# Labels of question-and-answer layouts, on their own line or before the text.
QUESTION_LABEL = r"(?:votre question|question posée|your question|question|q)\s*\d*\s*[.:)–-]?"
ANSWER_LABEL = r"(?:notre réponse|ma réponse|réponse|our answer|my answer|our response|answer|a)\s*\d*\s*[.:)–-]?"

# Words that start a person's role in an address block ("Présidente", "Secretary").
ROLE_WORDS = (
    r"(?:vice-)?(?:présidente?|president|directeur|directrice|director|coordinat(?:eur|rice)|co-?ordinator|"
    r"déléguée?|delegate|secrétaire|secretary|trésori(?:er|ère)|treasurer|responsable|chargée? de|chair(?:man|woman|person)?|"
    r"officer|manager|head of|candidate?|candidats?|councillor|conseill(?:er|ère)|maire|mayor|adjointe?|"
    r"independent|membre|member|fondat(?:eur|rice)|founder|animat(?:eur|rice)|porte-parole|spokes(?:person|man|woman)|"
    r"tête de liste|development officer|development|chief|executive|organiser|organizer)\b"
)

# A courtesy formula inside a longer last sentence ("… et vous prie d'agréer, Monsieur, mes salutations."):
# the whole sentence is the closing.
CLOSING_INSIDE = (
    r"(?:vous prie d['’]agréer|vous prions d['’]agréer|veuillez agréer|l['’]expression de (?:mes|nos) |"
    r"vous pri(?:e|ons) de (?:bien vouloir )?(?:recevoir|croire)|(?:mes|nos) salutations les plus \w+|"
    r"mes salutations (?:distinguées|respectueuses|cordiales|sportives|dévouées)|"
    r"with (?:very )?(?:best|kind|warm) (?:wishes|regards)[.!]?$|yours (?:sincerely|faithfully)[.!,]?$)"
)
