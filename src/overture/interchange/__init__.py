"""Reading and writing what other argumentation tools use: AIF, Argdown, ICCMA (+ clingo check).

Sits above doctrine/verdict and below the CLI and web; imports nothing from those interfaces.
"""
