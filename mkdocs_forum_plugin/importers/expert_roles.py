"""Roles (user titles) that read like a professional's, in the languages the wiki's labels come in.

The import report warns when a thread has such a role and the wiki's ``experts``
option does not list it, since the wiki then does not highlight that member's
answers. It is only a hint: the list is short and on purpose loose ("Physio fan"
matches too), and a role it misses is never an error. The words, by language:

- English: therapist, physiotherapist, physio, psychologist, psychiatrist,
  counsellor/counselor, doctor, Dr, MD, GP, RN, physician, surgeon, clinician,
  nurse, chiropractor, osteopath, dietitian, nutritionist, pharmacist;
- German: Therapeut(in) (also in compounds such as Schmerztherapeutin), Arzt,
  Ärztin, Psychologe, Berater(in), Heilpraktiker(in), Pfleger(in);
- French: thérapeute, kinésithérapeute, kiné, médecin, docteur, psychologue,
  infirmier/infirmière, ostéopathe, diététicien(ne);
- Spanish, Italian, Portuguese: terapeuta, terapista, fisioterapeuta, fisio,
  médico/medico, doctor(a), dottore/dottoressa, doutor(a), psicólogo/psicologo,
  enfermero/a, infermiere, enfermeiro/a, farmacéutico/farmacista;
- Dutch: therapeut, fysiotherapeut, huisarts, dokter, psycholoog, verpleegkundige;
- Polish: terapeuta, fizjoterapeuta, lekarz, psycholog, pielęgniarka;
- Swedish: terapeut, fysioterapeut, läkare, psykolog, sjuksköterska;
- Arabic: معالج، طبيب، أخصائي، د.;
- Hebrew: מטפל/מטפלת, רופא/רופאה, ד"ר.
"""

from __future__ import annotations

import re

# Found anywhere in the role, so that compounds (Schmerztherapeutin, Hausärztin) count too.
_PARTS = (
    "therapist", "therapeut", "thérapeut", "terapeut", "terapist", "physio", "fisio", "fysio", "fizjo",
    "psycholog", "psycholoog", "psychiatr", "psicolog", "psicólog", "psiquiatr", "psichiatr", "psykolog", "psykiatr",
    "counsel", "physician", "surgeon", "clinician", "chiropra", "osteopat", "ostéopat", "dietitian", "dietist",
    "diététicien", "nutritionist", "nutrizionist", "nutricionist", "pharmacist", "farmac", "pharmacien",
    "arzt", "ärzt", "heilprakt", "médecin", "kiné", "infirmi", "enfermer", "infermier", "verpleegkundig",
    "pielęgniar", "sjuksköt", "lekarz", "läkare", "huisarts",
    "معالج", "طبيب", "أخصائي", "اخصائي", "מטפל", "רופא",
)  # fmt: skip
# Whole words only: short, or parts of other words ("nurse" in "nursery", "dr" in "drummer").
_WORDS = (
    "dr", "md", "gp", "rn", "doctor", "doctora", "docteur", "dottore", "dottoressa", "doutor", "doutora", "doktor",
    "dokter", "médico", "médica", "medico", "medica", "nurse", "berater", "beraterin", "pfleger",
    "pflegerin", "د",
)  # fmt: skip
_ROLE = re.compile(
    "|".join(
        [
            *(re.escape(part) for part in _PARTS),
            rf"(?<!\w)(?:{'|'.join(map(re.escape, _WORDS))})(?!\w)",
            r"ד[\"״]ר",  # Hebrew "Dr."
        ]
    )
)


def looks_expert(role: str) -> bool:
    """Whether a role reads like a health professional's ("TMS Therapist", "Dr.", "Physiotherapeutin")."""
    return _ROLE.search(role.casefold()) is not None
