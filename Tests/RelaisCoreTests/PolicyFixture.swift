import Foundation

@testable import RelaisCore

/// A fixed directory for the policy's rules, so they are tested apart from the shipped data
/// (which research replaces): France's seven format-1 entries, Germany's 116 111 with 112, and
/// the four US lines, every fact backed by a fixture source, with a fixture holiday calendar
/// for France (not shipped data). Each channel carries the hours format 1 gave its line.
extension Fixture {
    static let policy: HelplineDirectory = {
        do { return try HelplineDirectory.decode(Data(policyJSON.utf8)) } catch { fatalError("policy fixture: \(error)") }
    }()

    static let policyJSON = #"""
{
 "format": 2,
 "version": "fixture-1",
 "holidays": [
  {
   "country": "FR",
   "sources": [
    {
     "url": "https://example.org/fixture/fr-holidays",
     "checked": "2026-11-29",
     "backs": [
      "holidays"
     ]
    }
   ],
   "holidays": [
    {
     "key": "christmas",
     "name": {
      "fr": "Noël",
      "en": "Christmas Day"
     },
     "rule": {
      "fixed": "12-25"
     }
    },
    {
     "key": "easter_monday",
     "name": {
      "fr": "Lundi de Pâques",
      "en": "Easter Monday"
     },
     "rule": {
      "easterOffset": 1
     }
    },
    {
     "key": "bastille_day",
     "name": {
      "fr": "Fête nationale",
      "en": "Bastille Day"
     },
     "rule": {
      "fixed": "07-14"
     }
    }
   ]
  }
 ],
 "helplines": [
  {
   "id": "fr-3018",
   "country": "FR",
   "name": {
    "fr": "3018 – numéro national contre le harcèlement et les violences numériques"
   },
   "shortName": "3018",
   "organisation": "Association e-Enfance",
   "audience": {
    "description": "Children, teenagers and young adults, their parents, witnesses and professionals; no official age limit"
   },
   "free": true,
   "anonymous": true,
   "confidential": true,
   "roles": [
    "youth_online_harm"
   ],
   "topics": [
    "harassment",
    "hate",
    "threat",
    "intimate_images",
    "sextortion",
    "doxxing",
    "impersonation",
    "grooming"
   ],
   "languages": [
    "fr"
   ],
   "emergency": false,
   "channels": [
    {
     "kind": "phone",
     "value": "3018",
     "hours": {
      "timeZone": "Europe/Paris",
      "weekly": [
       {
        "days": [
         "mon",
         "tue",
         "wed",
         "thu",
         "fri",
         "sat",
         "sun"
        ],
        "open": "09:00",
        "close": "23:00"
       }
      ],
      "publicHolidays": "open"
     }
    },
    {
     "kind": "chat",
     "value": "https://www.3018.fr",
     "hours": {
      "timeZone": "Europe/Paris",
      "weekly": [
       {
        "days": [
         "mon",
         "tue",
         "wed",
         "thu",
         "fri",
         "sat",
         "sun"
        ],
        "open": "09:00",
        "close": "23:00"
       }
      ],
      "publicHolidays": "open"
     },
     "note": "Live chat on 3018.fr"
    },
    {
     "kind": "web",
     "value": "https://www.3018.fr",
     "hours": {
      "timeZone": "Europe/Paris",
      "weekly": [
       {
        "days": [
         "mon",
         "tue",
         "wed",
         "thu",
         "fri",
         "sat",
         "sun"
        ],
        "open": "09:00",
        "close": "23:00"
       }
      ],
      "publicHolidays": "open"
     }
    }
   ],
   "sources": [
    {
     "url": "https://example.org/fixture/fr-3018",
     "checked": "2026-11-29",
     "backs": [
      "name",
      "organisation",
      "audience",
      "languages",
      "free",
      "anonymous",
      "confidential",
      "phone",
      "phone.hours",
      "chat",
      "chat.hours",
      "web",
      "web.hours"
     ]
    }
   ],
   "verified": true
  },
  {
   "id": "fr-119",
   "country": "FR",
   "name": {
    "fr": "119 – Allô Enfance en danger"
   },
   "shortName": "119",
   "organisation": "Service national d’accueil téléphonique de l’enfance en danger (SNATED)",
   "audience": {
    "maxAge": 21,
    "description": "Children and young people up to 21, and any adult worried about a child"
   },
   "free": true,
   "confidential": true,
   "roles": [
    "child_protection"
   ],
   "topics": [
    "grooming",
    "threat",
    "harassment",
    "sextortion",
    "intimate_images"
   ],
   "languages": [
    "fr"
   ],
   "emergency": false,
   "channels": [
    {
     "kind": "phone",
     "value": "119",
     "hours": "always"
    },
    {
     "kind": "chat",
     "value": "https://www.allo119.gouv.fr",
     "hours": "always",
     "note": "Chat on the “Besoin d’aide ?” page"
    }
   ],
   "sources": [
    {
     "url": "https://example.org/fixture/fr-119",
     "checked": "2026-11-29",
     "backs": [
      "name",
      "organisation",
      "audience",
      "languages",
      "free",
      "confidential",
      "phone",
      "phone.hours",
      "chat",
      "chat.hours"
     ]
    }
   ],
   "verified": true
  },
  {
   "id": "fr-3114",
   "country": "FR",
   "name": {
    "fr": "3114 – Numéro national de prévention du suicide"
   },
   "shortName": "3114",
   "organisation": "Ministère de la Santé",
   "free": true,
   "confidential": true,
   "roles": [
    "suicide_prevention"
   ],
   "topics": [
    "self_harm"
   ],
   "languages": [
    "fr"
   ],
   "emergency": false,
   "channels": [
    {
     "kind": "phone",
     "value": "3114",
     "hours": "always"
    },
    {
     "kind": "web",
     "value": "https://3114.fr",
     "hours": "always"
    }
   ],
   "sources": [
    {
     "url": "https://example.org/fixture/fr-3114",
     "checked": "2026-11-29",
     "backs": [
      "name",
      "organisation",
      "languages",
      "free",
      "confidential",
      "phone",
      "phone.hours",
      "web",
      "web.hours"
     ]
    }
   ],
   "verified": true
  },
  {
   "id": "fr-17",
   "country": "FR",
   "name": {
    "fr": "17 – Police secours / Gendarmerie"
   },
   "shortName": "17",
   "organisation": "Police nationale / Gendarmerie nationale",
   "free": true,
   "roles": [
    "emergency"
   ],
   "topics": [
    "threat"
   ],
   "languages": [
    "fr"
   ],
   "emergency": true,
   "channels": [
    {
     "kind": "phone",
     "value": "17",
     "hours": "always"
    }
   ],
   "sources": [
    {
     "url": "https://example.org/fixture/fr-17",
     "checked": "2026-11-29",
     "backs": [
      "name",
      "organisation",
      "languages",
      "free",
      "phone",
      "phone.hours"
     ]
    }
   ],
   "verified": true
  },
  {
   "id": "fr-112",
   "country": "FR",
   "name": {
    "fr": "112 – Numéro d’urgence européen"
   },
   "shortName": "112",
   "organisation": "Services d’urgence",
   "free": true,
   "roles": [
    "emergency"
   ],
   "topics": [
    "harassment",
    "hate",
    "threat",
    "intimate_images",
    "sextortion",
    "doxxing",
    "impersonation",
    "grooming",
    "self_harm"
   ],
   "languages": [
    "fr"
   ],
   "emergency": true,
   "channels": [
    {
     "kind": "phone",
     "value": "112",
     "hours": "always"
    }
   ],
   "sources": [
    {
     "url": "https://example.org/fixture/fr-112",
     "checked": "2026-11-29",
     "backs": [
      "name",
      "organisation",
      "languages",
      "free",
      "phone",
      "phone.hours"
     ]
    }
   ],
   "verified": true
  },
  {
   "id": "fr-114",
   "country": "FR",
   "name": {
    "fr": "114 – Urgence par SMS, visio ou tchat pour les personnes sourdes ou malentendantes"
   },
   "shortName": "114",
   "organisation": "Centre national de relais 114",
   "free": true,
   "roles": [
    "accessible_emergency"
   ],
   "topics": [
    "threat"
   ],
   "languages": [
    "fr"
   ],
   "emergency": true,
   "channels": [
    {
     "kind": "sms",
     "value": "114",
     "hours": "always"
    }
   ],
   "sources": [
    {
     "url": "https://example.org/fixture/fr-114",
     "checked": "2026-11-29",
     "backs": [
      "name",
      "organisation",
      "languages",
      "free",
      "sms",
      "sms.hours"
     ]
    }
   ],
   "verified": true
  },
  {
   "id": "fr-fil-sante-jeunes",
   "country": "FR",
   "name": {
    "fr": "Fil Santé Jeunes"
   },
   "audience": {
    "minAge": 12,
    "maxAge": 25,
    "description": "12–25"
   },
   "free": true,
   "anonymous": true,
   "roles": [
    "youth_wellbeing"
   ],
   "topics": [],
   "languages": [
    "fr"
   ],
   "emergency": false,
   "channels": [
    {
     "kind": "phone",
     "value": "0 800 235 236",
     "hours": {
      "timeZone": "Europe/Paris",
      "weekly": [
       {
        "days": [
         "mon",
         "tue",
         "wed",
         "thu",
         "fri",
         "sat",
         "sun"
        ],
        "open": "09:00",
        "close": "23:00"
       }
      ],
      "publicHolidays": "unknown"
     }
    }
   ],
   "sources": [
    {
     "url": "https://example.org/fixture/fr-fil-sante-jeunes",
     "checked": "2026-11-29",
     "backs": [
      "name",
      "audience",
      "languages",
      "free",
      "anonymous",
      "phone",
      "phone.hours"
     ]
    }
   ],
   "verified": true
  },
  {
   "id": "de-nummer-gegen-kummer-116111",
   "country": "DE",
   "name": {
    "de": "Nummer gegen Kummer – Kinder- und Jugendtelefon 116 111"
   },
   "shortName": "116 111",
   "organisation": "Nummer gegen Kummer e.V.",
   "audience": {
    "description": "Children and young people"
   },
   "free": true,
   "anonymous": true,
   "roles": [
    "child_helpline"
   ],
   "topics": [
    "harassment"
   ],
   "languages": [
    "de"
   ],
   "emergency": false,
   "channels": [
    {
     "kind": "phone",
     "value": "116 111",
     "hours": {
      "timeZone": "Europe/Berlin",
      "weekly": [
       {
        "days": [
         "mon",
         "tue",
         "wed",
         "thu",
         "fri",
         "sat"
        ],
        "open": "14:00",
        "close": "20:00"
       }
      ],
      "publicHolidays": "unknown"
     }
    },
    {
     "kind": "chat",
     "value": "https://www.nummergegenkummer.de",
     "hours": {
      "timeZone": "Europe/Berlin",
      "weekly": [
       {
        "days": [
         "mon",
         "tue",
         "wed",
         "thu",
         "fri",
         "sat"
        ],
        "open": "14:00",
        "close": "20:00"
       }
      ],
      "publicHolidays": "unknown"
     },
     "note": "Online chat and e-mail counselling on nummergegenkummer.de"
    },
    {
     "kind": "web",
     "value": "https://www.nummergegenkummer.de",
     "hours": {
      "timeZone": "Europe/Berlin",
      "weekly": [
       {
        "days": [
         "mon",
         "tue",
         "wed",
         "thu",
         "fri",
         "sat"
        ],
        "open": "14:00",
        "close": "20:00"
       }
      ],
      "publicHolidays": "unknown"
     }
    }
   ],
   "sources": [
    {
     "url": "https://example.org/fixture/de-nummer-gegen-kummer-116111",
     "checked": "2026-11-29",
     "backs": [
      "name",
      "organisation",
      "audience",
      "languages",
      "free",
      "anonymous",
      "phone",
      "phone.hours",
      "chat",
      "chat.hours",
      "web",
      "web.hours"
     ]
    }
   ],
   "verified": true
  },
  {
   "id": "us-988",
   "country": "US",
   "name": {
    "en": "988 Suicide & Crisis Lifeline"
   },
   "shortName": "988",
   "organisation": "SAMHSA / Vibrant Emotional Health network",
   "audience": {
    "description": "All ages"
   },
   "free": true,
   "roles": [
    "suicide_prevention"
   ],
   "topics": [
    "self_harm"
   ],
   "languages": [
    "en",
    "es"
   ],
   "emergency": false,
   "channels": [
    {
     "kind": "phone",
     "value": "988",
     "hours": "always"
    },
    {
     "kind": "sms",
     "value": "988",
     "hours": "always"
    },
    {
     "kind": "chat",
     "value": "https://988lifeline.org",
     "hours": "always",
     "note": "Chat at 988lifeline.org"
    },
    {
     "kind": "web",
     "value": "https://988lifeline.org",
     "hours": "always"
    }
   ],
   "sources": [
    {
     "url": "https://example.org/fixture/us-988",
     "checked": "2026-11-29",
     "backs": [
      "name",
      "organisation",
      "audience",
      "languages",
      "free",
      "phone",
      "phone.hours",
      "sms",
      "sms.hours",
      "chat",
      "chat.hours",
      "web",
      "web.hours"
     ]
    }
   ],
   "verified": true
  },
  {
   "id": "us-boys-town",
   "country": "US",
   "name": {
    "en": "Boys Town National Hotline (Your Life Your Voice)"
   },
   "shortName": "Boys Town",
   "organisation": "Boys Town",
   "audience": {
    "description": "Teens, children and parents"
   },
   "free": true,
   "roles": [
    "child_helpline"
   ],
   "topics": [
    "harassment",
    "self_harm"
   ],
   "languages": [
    "en"
   ],
   "emergency": false,
   "channels": [
    {
     "kind": "phone",
     "value": "1-800-448-3000",
     "hours": "always"
    },
    {
     "kind": "sms",
     "value": "20121",
     "hours": "always",
     "note": "Text VOICE to 20121",
     "body": "VOICE"
    },
    {
     "kind": "chat",
     "value": "https://www.yourlifeyourvoice.org",
     "hours": "always",
     "note": "Chat and e-mail via Your Life Your Voice"
    },
    {
     "kind": "web",
     "value": "https://www.yourlifeyourvoice.org",
     "hours": "always"
    }
   ],
   "sources": [
    {
     "url": "https://example.org/fixture/us-boys-town",
     "checked": "2026-11-29",
     "backs": [
      "name",
      "organisation",
      "audience",
      "languages",
      "free",
      "phone",
      "phone.hours",
      "sms",
      "sms.hours",
      "chat",
      "chat.hours",
      "web",
      "web.hours"
     ]
    }
   ],
   "verified": true
  },
  {
   "id": "us-crisis-text-line",
   "country": "US",
   "name": {
    "en": "Crisis Text Line"
   },
   "organisation": "Crisis Text Line",
   "audience": {
    "description": "All (widely used by teens)"
   },
   "free": true,
   "roles": [
    "suicide_prevention"
   ],
   "topics": [
    "harassment",
    "self_harm"
   ],
   "languages": [
    "en"
   ],
   "emergency": false,
   "channels": [
    {
     "kind": "sms",
     "value": "741741",
     "hours": "always",
     "note": "Text HOME to 741741",
     "body": "HOME"
    },
    {
     "kind": "web",
     "value": "https://www.crisistextline.org",
     "hours": "always"
    }
   ],
   "sources": [
    {
     "url": "https://example.org/fixture/us-crisis-text-line",
     "checked": "2026-11-29",
     "backs": [
      "name",
      "organisation",
      "audience",
      "languages",
      "free",
      "sms",
      "sms.hours",
      "web",
      "web.hours"
     ]
    }
   ],
   "verified": true
  },
  {
   "id": "us-childhelp",
   "country": "US",
   "name": {
    "en": "Childhelp National Child Abuse Hotline"
   },
   "shortName": "Childhelp",
   "organisation": "Childhelp",
   "audience": {
    "description": "Children and adults concerned about abuse"
   },
   "free": true,
   "roles": [
    "child_protection"
   ],
   "topics": [],
   "languages": [
    "en"
   ],
   "emergency": false,
   "channels": [
    {
     "kind": "phone",
     "value": "1-800-422-4453",
     "hours": "always"
    },
    {
     "kind": "sms",
     "value": "1-800-422-4453",
     "hours": "always"
    },
    {
     "kind": "chat",
     "value": "https://childhelphotline.org",
     "hours": "always",
     "note": "Web chat on childhelphotline.org"
    },
    {
     "kind": "web",
     "value": "https://childhelphotline.org",
     "hours": "always"
    }
   ],
   "sources": [
    {
     "url": "https://example.org/fixture/us-childhelp",
     "checked": "2026-11-29",
     "backs": [
      "name",
      "organisation",
      "audience",
      "languages",
      "free",
      "phone",
      "phone.hours",
      "sms",
      "sms.hours",
      "chat",
      "chat.hours",
      "web",
      "web.hours"
     ]
    }
   ],
   "verified": true
  },
  {
   "id": "de-112",
   "country": "DE",
   "name": {
    "en": "112"
   },
   "shortName": "112",
   "roles": [
    "emergency"
   ],
   "topics": [
    "harassment",
    "hate",
    "threat",
    "intimate_images",
    "sextortion",
    "doxxing",
    "impersonation",
    "grooming",
    "self_harm"
   ],
   "free": true,
   "emergency": true,
   "channels": [
    {
     "kind": "phone",
     "value": "112",
     "hours": "always"
    }
   ],
   "sources": [
    {
     "url": "https://example.org/fixture/de-112",
     "checked": "2026-11-29",
     "backs": [
      "name",
      "free",
      "phone",
      "phone.hours"
     ]
    }
   ],
   "verified": true
  }
 ]
}
"""#
}
