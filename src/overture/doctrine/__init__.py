"""Doctrines: the file format, loading with precise errors, scenarios, compilation to ASPIC+.

`load_doctrine("iran-us")` (or a YAML path) returns a checked `Doctrine`; `load_scenario`
reads a scenario file; `compile_scenario` turns both into an `overture.aspic.Theory`.
"""

from overture.doctrine.checks import Problem, problems
from overture.doctrine.compile import (
    CompiledScenario,
    RuleOrigin,
    compile_scenario,
    in_force,
    view_plan,
)
from overture.doctrine.doctrine import Doctrine, Statement
from overture.doctrine.loader import (
    DEFAULT_DOCTRINE,
    list_shipped_doctrines,
    load_doctrine,
    load_scenario,
    parse_doctrine,
    parse_scenario,
    scenario_from_data,
    shipped_doctrine_dir,
    shipped_scenarios,
)
from overture.doctrine.model import (
    INITIATORS,
    MODES,
    SCHEMA_VERSION,
    Citation,
    Conditions,
    Counterparty,
    Evidence,
    Exception_,
    Flag,
    Hypothesis,
    Policy,
    Preference,
    Quote,
    Rule,
    Scenario,
    Source,
    Term,
    TestCase,
    View,
    doctrine_json_schema,
)
from overture.doctrine.policies import PreferenceModel, PreferencePair, generate_preferences

__all__ = [
    "DEFAULT_DOCTRINE",
    "INITIATORS",
    "MODES",
    "SCHEMA_VERSION",
    "Citation",
    "CompiledScenario",
    "Conditions",
    "Counterparty",
    "Doctrine",
    "Evidence",
    "Exception_",
    "Flag",
    "Hypothesis",
    "Policy",
    "Preference",
    "PreferenceModel",
    "PreferencePair",
    "Problem",
    "Quote",
    "Rule",
    "RuleOrigin",
    "Scenario",
    "Source",
    "Statement",
    "Term",
    "TestCase",
    "View",
    "compile_scenario",
    "doctrine_json_schema",
    "generate_preferences",
    "in_force",
    "list_shipped_doctrines",
    "load_doctrine",
    "load_scenario",
    "parse_doctrine",
    "parse_scenario",
    "problems",
    "scenario_from_data",
    "shipped_doctrine_dir",
    "shipped_scenarios",
    "view_plan",
]
