# Stand-in: version and dependencies of Odoo 17.0's bus module (addons/bus/__manifest__.py).
{
    'name': 'IM Bus',
    'version': '1.0',
    'category': 'Hidden',
    'depends': ['base', 'web'],
    'auto_install': True,
    'license': 'LGPL-3',
}
