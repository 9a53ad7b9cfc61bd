import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["FIELDSAFE_LANG"] = "zh"
