"""Real UN document symbols, each with where it was found, to test the symbol grammar against.

``symbol`` is written as the source prints or cites it. ``canonical`` is given only when
the canonical form differs from that, for instance a catalogue's ``S/PV.6201(Resumption1)``
or a printed ``TD/B/Inf.222``. Only UN documents are included: bodies serviced by the UN
under their own series symbols (BWC, NPT, CCW, CRPD, FCCC) count; OPCW (``C-``, ``EC-``,
``PC-``) documents do not.
"""

from typing import NamedTuple


class CorpusSymbol(NamedTuple):
    symbol: str
    source: str
    canonical: str | None = None


# The documents of the meetings bwcmeet holds, as listed in the project's document register.
_MX5_2020 = "bwcmeet register: 2020 Meeting of Experts on institutional strengthening (MX5)"
_MX1_2020 = "bwcmeet register: 2020 Meeting of Experts on cooperation and assistance (MX1)"
_REGISTER = "bwcmeet register: documents cited by the meetings it holds"

_UNODA_MX_2020 = (
    "https://meetings.unoda.org/meeting/biological-weapons-convention-meetings-of-experts-2020/"
)
_UNODA_MX2_2020 = "https://meetings.unoda.org/section/bwc-mx-2020-mx2-documents/"
_WEBTV_MX5_2019 = "UN Web TV, MX5 1st meeting, BWC Meetings of Experts 2019 (agenda and documents)"
_WEBTV_MX4_2019 = "UN Web TV, MX4 1st meeting, BWC Meetings of Experts 2019 (agenda and documents)"
_WEBTV_MX2_2019 = "UN Web TV, MX2 1st and 3rd meetings, BWC Meetings of Experts 2019"
_UNOG_MSP_2017 = "UNOG, Meeting of States Parties (4-8 December 2017), official documents"
_UNOG_ARTICLE_X = "UNOG BWC, Article X reports: Meeting of States Parties 2013 documents"
_UNODA_WG2 = "https://meetings.unoda.org/meeting/67451 (BWC Working Group, second session)"
_CBW_EVENTS_WG = "https://www.cbw-events.org.uk/bwc-wg/ (SHIB/CBW Events catalogue, BWC WG and MSP)"
_DOCS_UN = "https://docs.un.org/BWC/WG/3/WP.14"
_LAWSDOCBOX = "lawsdocbox.com copies of UN documents (title pages)"
_FAS_REVCON4 = "https://fas.org/nuke/control/bwc/text/ (Fourth Review Conference final document)"
_REVCON7 = "Final Document of the Seventh BWC Review Conference (advance copy), para. 1"
_AHG_43 = "BWC/AD HOC GROUP/43 (Part II), 16 October 1998, title page and annex IV"
_AHG_49 = "BWC/AD HOC GROUP/49/Add.3, 15 December 1999, title page"
_FEAKES_2016 = "D. Feakes, 'The Eighth Review Conference: practical guidance for delegates' (2016)"
_DHL_SYMBOLS = "https://research.un.org/en/docs/symbols (DHL guide: session and year elements)"
_DHL_INTRO = "https://research.un.org/en/docs/undocumentsymbols/intro"
_DHL_GARES = "https://www.un.org/depts/dhl/resguide/gares.htm (GA resolutions numbering)"
_DHL_GA_WORKSHOP = "https://www.un.org/Depts/dhl/training/gadocumentation.html"
_UNBIS_SERIES = "https://www.un.org/depts/dhl/unbisref_manual/docseries/docseries.htm"
_UNBIS_995 = "https://www.un.org/Depts/dhl/unbisref_manual/bd/guidelines/g995.htm"
_MJIL = "http://www.mjil.org/wiki/index.php?title=UN_Document_Symbols"
_UNODA_SGM = "https://disarmament.unoda.org/wmd/sgm-key-documents/ (UNSGM key documents)"
_UNODA_RES_BWC = "https://meetings.unoda.org/meeting/29606/documents (GA resolutions on the BWC)"
_WIKISOURCE_69_82 = (
    "https://en.wikisource.org/wiki/United_Nations_General_Assembly_Resolution_A/69/82"
)
_PRESS_GADIS3755 = "https://press.un.org/en/2024/gadis3755.doc.htm (First Committee, 2024)"
_A_57_100 = "A/57/100 (annotated preliminary list, 14 June 2002), footnotes"
_A_55_100 = "A/55/100 (annotated preliminary list, 15 June 2000), footnotes"
_A_7890 = "A/7890 (report of the First Committee, 13 December 1969)"
_LAWSDOCBOX_GA = "lawsdocbox.com list of related General Assembly documents (titles)"
_BAYEFSKY = "http://www.bayefsky.com/general/crc_c_80_19thsession_1998.wpd"
_WIKIPEDIA_1540 = "https://en.wikipedia.org/wiki/United_Nations_Security_Council_Resolution_1540"
_KB_1540 = "https://materialized-kb.org/entity/E698097/ (label S/RES/1540(2004))"

CORPUS: list[CorpusSymbol] = [
    # 2020 Meeting of Experts MX5.
    CorpusSymbol("BWC/MSP/2020/MX.5/1", _MX5_2020),
    CorpusSymbol("BWC/MSP/2020/MX.5/2", _MX5_2020),
    CorpusSymbol("BWC/MSP/2020/MX.5/CRP.1", _MX5_2020),
    CorpusSymbol("BWC/MSP/2020/MX.5/MISC.1", _MX5_2020),
    CorpusSymbol("BWC/MSP/2020/MX.5/INF.1", _MX5_2020),
    CorpusSymbol("BWC/MSP/2020/MX.5/INF.1/Rev.1", _MX5_2020),
    CorpusSymbol("BWC/MSP/2020/MX.5/WP.1", _MX5_2020),
    CorpusSymbol("BWC/MSP/2020/MX.5/WP.2", _MX5_2020),
    CorpusSymbol("BWC/MSP/2020/MX.5/WP.3", _MX5_2020),
    CorpusSymbol("BWC/MSP/2020/MX.5/WP.4", _MX5_2020),
    CorpusSymbol("BWC/MSP/2020/MX.5/WP.5", _MX5_2020),
    CorpusSymbol("BWC/MSP/2020/MX.5/WP.5/Corr.1", _MX5_2020),
    CorpusSymbol("BWC/MSP/2020/MX.5/WP.6", _MX5_2020),
    # 2020 Meeting of Experts MX1.
    CorpusSymbol("BWC/MSP/2020/MX.1/1", _MX1_2020),
    CorpusSymbol("BWC/MSP/2020/MX.1/2", _MX1_2020),
    CorpusSymbol("BWC/MSP/2020/MX.1/CRP.1", _MX1_2020),
    CorpusSymbol("BWC/MSP/2020/MX.1/MISC.1", _MX1_2020),
    CorpusSymbol("BWC/MSP/2020/MX.1/INF.1", _MX1_2020),
    CorpusSymbol("BWC/MSP/2020/MX.1/WP.1", _MX1_2020),
    CorpusSymbol("BWC/MSP/2020/MX.1/WP.2", _MX1_2020),
    CorpusSymbol("BWC/MSP/2020/MX.1/WP.3", _MX1_2020),
    CorpusSymbol("BWC/MSP/2020/MX.1/WP.4", _MX1_2020),
    CorpusSymbol("BWC/MSP/2020/MX.1/WP.5", _MX1_2020),
    CorpusSymbol("BWC/MSP/2020/MX.1/WP.6", _MX1_2020),
    CorpusSymbol("BWC/MSP/2020/MX.1/WP.7", _MX1_2020),
    # Other documents the meetings cite.
    CorpusSymbol("BWC/CONF.IX/PC/1", _REGISTER),
    CorpusSymbol("BWC/WG/3/WP.1", _REGISTER),
    CorpusSymbol("BWC/MSP/2017/14", _REGISTER),
    CorpusSymbol("A/RES/75/88", _REGISTER),
    # Other BWC meetings.
    CorpusSymbol("BWC/CONF.VIII/2", _UNODA_MX_2020),
    CorpusSymbol("BWC/MSP/2020/MX.2/1", _UNODA_MX2_2020),
    CorpusSymbol("BWC/MSP/2020/MX.2/WP.1", _UNODA_MX2_2020),
    CorpusSymbol("BWC/MSP/2020/MX.2/WP.2", _UNODA_MX2_2020),
    CorpusSymbol("BWC/MSP/2019/MX.5/1", _WEBTV_MX5_2019),
    CorpusSymbol("BWC/MSP/2019/MX.5/WP.1", _WEBTV_MX5_2019),
    CorpusSymbol("BWC/MSP/2019/MX.5/WP.2", _WEBTV_MX5_2019),
    CorpusSymbol("BWC/MSP/2019/MX.5/WP.3", _WEBTV_MX5_2019),
    CorpusSymbol("BWC/MSP/2019/MX.5/WP.4", _WEBTV_MX5_2019),
    CorpusSymbol("BWC/MSP/2019/MX.4/1", _WEBTV_MX4_2019),
    CorpusSymbol("BWC/MSP/2019/MX.4/WP.6", _WEBTV_MX4_2019),
    CorpusSymbol("BWC/MSP/2019/MX.2/1", _WEBTV_MX2_2019),
    CorpusSymbol("BWC/MSP/2019/MX.2/WP.1", _WEBTV_MX2_2019),
    CorpusSymbol("BWC/MSP/2019/MX.2/WP.2", _WEBTV_MX2_2019),
    CorpusSymbol("BWC/MSP/2018/MX.1/3", _LAWSDOCBOX),
    CorpusSymbol("BWC/MSP/2017/1", _UNOG_MSP_2017),
    CorpusSymbol("BWC/MSP/2017/2", _UNOG_MSP_2017),
    CorpusSymbol("BWC/MSP/2017/3", _UNOG_MSP_2017),
    CorpusSymbol("BWC/MSP/2017/3/Add.1", _UNOG_MSP_2017),
    CorpusSymbol("BWC/MSP/2017/4", _UNOG_MSP_2017),
    CorpusSymbol("BWC/MSP/2017/5", _UNOG_MSP_2017),
    CorpusSymbol("BWC/MSP/2017/6", _UNOG_MSP_2017),
    CorpusSymbol("BWC/MSP/2017/CRP.1", _UNOG_MSP_2017),
    CorpusSymbol("BWC/MSP/2013/WP.9", _UNOG_ARTICLE_X),
    CorpusSymbol("BWC/MSP/2013/INF.2", _UNOG_ARTICLE_X),
    CorpusSymbol("BWC/MSP/2013/INF.3", _UNOG_ARTICLE_X),
    CorpusSymbol("BWC/MSP/2013/INF.4", _UNOG_ARTICLE_X),
    CorpusSymbol("BWC/MSP/2013/INF.5", _UNOG_ARTICLE_X),
    CorpusSymbol("BWC/MSP/2025/WP.27", _CBW_EVENTS_WG),
    CorpusSymbol("BWC/MSP/2025/WP.41", _CBW_EVENTS_WG),
    CorpusSymbol("BWC/WG/2/1", _UNODA_WG2),
    CorpusSymbol("BWC/WG/2/CRP.1", _UNODA_WG2),
    CorpusSymbol("BWC/WG/2/CRP.1/Rev.1", _UNODA_WG2),
    CorpusSymbol("BWC/WG/2/CRP.2", _UNODA_WG2),
    CorpusSymbol("BWC/WG/2/CRP.3", _UNODA_WG2),
    CorpusSymbol("BWC/WG/2/WP.2", _CBW_EVENTS_WG),
    CorpusSymbol("BWC/WG/2/WP.3", _CBW_EVENTS_WG),
    CorpusSymbol("BWC/WG/2/WP.4", _CBW_EVENTS_WG),
    CorpusSymbol("BWC/WG/2/WP.6", _CBW_EVENTS_WG),
    CorpusSymbol("BWC/WG/2/WP.7", _CBW_EVENTS_WG),
    CorpusSymbol("BWC/WG/2/WP.10", _CBW_EVENTS_WG),
    CorpusSymbol("BWC/WG/3/WP.14", _DOCS_UN),
    CorpusSymbol("BWC/WG/5/WP.6/Rev.1", _CBW_EVENTS_WG),
    CorpusSymbol("BWC/WG/5/WP.6/Rev.2", _CBW_EVENTS_WG),
    CorpusSymbol("BWC/WG/5/WP.8", _CBW_EVENTS_WG),
    CorpusSymbol("BWC/WG/5/WP.9", _CBW_EVENTS_WG),
    CorpusSymbol("BWC/WG/5/WP.10", _CBW_EVENTS_WG),
    CorpusSymbol("BWC/WG/5/WP.12", _CBW_EVENTS_WG),
    CorpusSymbol("BWC/WG/8/CRP.1", _CBW_EVENTS_WG),
    CorpusSymbol("BWC/CONF.VIII/4", _LAWSDOCBOX),
    CorpusSymbol("BWC/CONF.VIII/PC/9", _FEAKES_2016),
    CorpusSymbol("BWC/CONF.VI/6", _REVCON7),
    CorpusSymbol("BWC/CONF.IV/9", _FAS_REVCON4),
    CorpusSymbol("BWC/CONF.IV/SR.1", _FAS_REVCON4),
    CorpusSymbol("BWC/CONF.IV/COW/WP.2", _FAS_REVCON4),
    CorpusSymbol("BWC/AD HOC GROUP/43 (Part II)", _AHG_43),
    CorpusSymbol("BWC/AD HOC GROUP/FOC/1", _AHG_43),
    CorpusSymbol("BWC/AD HOC GROUP/49/Add.3", _AHG_49),
    # Other disarmament bodies serviced by the UN.
    CorpusSymbol("NPT/CONF.2020/PC.I/CRP.2", _LAWSDOCBOX),
    CorpusSymbol("CCW/CONF.III/1/Add.1", _LAWSDOCBOX),
    CorpusSymbol("CCW/P.V/CONF/2018/5", _LAWSDOCBOX),
    # General Assembly.
    CorpusSymbol("A/RES/44/25", _DHL_GARES),
    CorpusSymbol("A/RES/S-13/2", _DHL_GARES),
    CorpusSymbol("A/RES/ES-8/2", _DHL_GARES),
    CorpusSymbol("A/RES/50/221", _MJIL),
    CorpusSymbol("A/RES/42/37C", _UNODA_SGM),
    CorpusSymbol("A/RES/42/37 C", _UNODA_SGM, "A/RES/42/37C"),
    CorpusSymbol("A/RES/45/57C", _UNODA_SGM),
    CorpusSymbol("A/RES/60/288", _UNODA_SGM),
    CorpusSymbol("A/44/561", _UNODA_SGM),
    CorpusSymbol("A/RES/58/1A", _UNBIS_995),
    CorpusSymbol("A/RES/68/69", _UNODA_RES_BWC),
    CorpusSymbol("A/RES/69/82", _WIKISOURCE_69_82),
    CorpusSymbol("A/69/447", _WIKISOURCE_69_82),
    CorpusSymbol("A/C.1/79/L.65", _PRESS_GADIS3755),
    CorpusSymbol("A/31/99", _DHL_SYMBOLS),
    CorpusSymbol("A/52/1", _DHL_GA_WORKSHOP),
    CorpusSymbol("A/9601", _DHL_GA_WORKSHOP),
    CorpusSymbol("A/64/1", _DHL_GA_WORKSHOP),
    CorpusSymbol("A/63/915/Add.1", _DHL_GA_WORKSHOP),
    CorpusSymbol("A/57/100", _A_57_100),
    CorpusSymbol("A/57/50/Rev.1", _A_57_100),
    CorpusSymbol("A/55/100", _A_55_100),
    CorpusSymbol("A/55/50", _A_55_100),
    CorpusSymbol("A/55/150", _A_55_100),
    CorpusSymbol("A/7890", _A_7890),
    CorpusSymbol("A/7600", _A_7890),
    CorpusSymbol("A/7700", _A_7890),
    CorpusSymbol("A/7655", _A_7890),
    CorpusSymbol("A/58/PV.72", _LAWSDOCBOX_GA),
    CorpusSymbol("A/59/PV.65", _LAWSDOCBOX_GA),
    CorpusSymbol("A/62/455", _LAWSDOCBOX_GA),
    CorpusSymbol("A/64/453", _LAWSDOCBOX_GA),
    CorpusSymbol("A/70/513", _LAWSDOCBOX_GA),
    CorpusSymbol("A/70/460", _LAWSDOCBOX_GA),
    CorpusSymbol("A/59/448/Add.2", _LAWSDOCBOX_GA),
    CorpusSymbol("A/59/508", _LAWSDOCBOX_GA),
    CorpusSymbol("A/55/221", _LAWSDOCBOX_GA),
    CorpusSymbol("A/54/690", _LAWSDOCBOX_GA),
    CorpusSymbol("A/56/L.64", _LAWSDOCBOX_GA),
    CorpusSymbol("A/C.5/57/L.54", _LAWSDOCBOX_GA),
    CorpusSymbol("A/65/456/Add.2 (Part II)", _LAWSDOCBOX_GA),
    CorpusSymbol("A/62/17(PartI)", _UNBIS_SERIES, "A/62/17 (Part I)"),
    CorpusSymbol("A/AC.289/2", _LAWSDOCBOX),
    # Security Council.
    CorpusSymbol("S/RES/1540 (2004)", _WIKIPEDIA_1540),
    CorpusSymbol("S/RES/1540(2004)", _KB_1540, "S/RES/1540 (2004)"),
    CorpusSymbol("S/RES/1019", _MJIL),
    CorpusSymbol("S/1994/99", _DHL_SYMBOLS),
    CorpusSymbol("S/PV.6201(Resumption1)", _UNBIS_SERIES, "S/PV.6201 (Resumption 1)"),
    # Economic and Social Council, Secretariat, treaty bodies and other series.
    CorpusSymbol("E/1978/99", _DHL_SYMBOLS),
    CorpusSymbol("ST/AI/189/Add.3/Rev.2", _DHL_INTRO),
    CorpusSymbol("ST/LIB/SER.B/5/Rev.5", _DHL_SYMBOLS),
    CorpusSymbol("CAT/C/SR.209", _MJIL),
    CorpusSymbol("CRC/C/80", _BAYEFSKY),
    CorpusSymbol("CRPD/C/20/1", _LAWSDOCBOX),
    CorpusSymbol("CRPD/C/18/1", _LAWSDOCBOX),
    CorpusSymbol("FCCC/PA/CMA/2018/1", _LAWSDOCBOX),
    CorpusSymbol("TD/B/Inf.222", _LAWSDOCBOX, "TD/B/INF.222"),
]

# Forms the project uses whose exact symbol could not be found in an independent copy.
UNCONFIRMED: list[CorpusSymbol] = [
    CorpusSymbol("BWC/AD HOC GROUP/56-1", "bwcmeet brief: numbering of Ad Hoc Group reports"),
]
