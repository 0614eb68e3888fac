"""Function words left out of the index and out of queries, for the languages that separate words.

In a short query such as "je ne reçois pas l'e-mail", the words je, ne and pas
appear on most pages and, added up, outweighed the one word that matters
(e-mail). Search engines drop such words (Lucene's and Lunr's stop filters do
the same); the lists here are deliberately short: articles, prepositions,
pronouns, auxiliaries and conjunctions, written as the normaliser leaves them
(lower case, no accents); one-letter words are never indexed anyway. Chinese, Japanese and Korean have none: their pairs
of characters already carry little weight when they are common.

The list of a language is written into its index manifest, so the browser
drops the same words from queries.
"""
from __future__ import annotations

STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset("""
        an the and or but if so as of to in on at by for from with about into than then is are was were be
        been being am do does did done have has had having will would shall should can could may might must
        it its me my mine you your yours we us our they them their he him his she her this that these those
        there here what which who whom when where why how not no nor too very just also any some all
        """.split()),
    "es": frozenset("""
        el la los las lo un una unos unas de del al ante con contra desde en entre hacia hasta para por
        segun sin sobre tras ni que pero si como cuando donde mas muy ya me te se nos os le les mi mis tu
        tus su sus nuestro nuestra yo ella ellos ellas usted ustedes es son era fue ser estar esta estan
        estoy he ha han hay haber este estos estas ese esa eso no
        """.split()),
    "fr": frozenset("""
        le la les un une des de du au aux en et ou ni mais que qu qui quoi dont pour par sur sous dans avec
        sans chez vers entre je tu il elle on nous vous ils elles me te se moi toi lui leur leurs mon ma mes
        ton ta tes son sa ses notre nos votre vos ce cet cette ces est sont suis es etre ai as avons avez
        ont avoir etait ete ne pas plus tres si comme
        """.split()),
}


def stopwords_for(lang: str) -> frozenset[str]:
    return STOPWORDS.get(lang, frozenset())
