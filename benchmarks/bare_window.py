"""The start-up reference: a bare PySide6 main window holding an empty table view, quit once it is painted."""

from PySide6.QtCore import QTimer
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

app = QApplication([])
window = QMainWindow()
view = QTableView()
view.setModel(QStandardItemModel(0, 8))
window.setCentralWidget(view)
window.resize(1280, 800)
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
